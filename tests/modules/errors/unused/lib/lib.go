package lib

func L() int { return 1 }
