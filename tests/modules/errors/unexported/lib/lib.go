package lib

// helper is used by Public, so Go too knows it is there.
func Public() int { return helper() }

func helper() int { return 1 }

type T struct{}

type hidden int

func (T) M() hidden { return hidden(7) }
