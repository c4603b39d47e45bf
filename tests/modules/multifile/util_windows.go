package main

// Left out on linux by its file name.
func greet(n string) string { return "windows" }
