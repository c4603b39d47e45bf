package sub

import "example.com/bad/other/internal/x"

func S() int { return x.X() }
