package main

func main() { println(helper()) }
