package other

func helper() int { return 1 }
