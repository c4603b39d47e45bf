package utf8

const (
	RuneError = '\uFFFD'     // the "error" Rune or "Unicode replacement character"
	RuneSelf  = 0x80         // characters below RuneSelf are represented as themselves in a single byte.
	MaxRune   = '\U0010FFFF' // Maximum valid Unicode code point.
	UTFMax    = 4            // maximum number of bytes of a UTF-8 encoded Unicode character.
)

func RuneCountInString(s string) (n int)
func RuneCount(p []byte) int
func DecodeRuneInString(s string) (r rune, size int)
func DecodeRune(p []byte) (r rune, size int)
func DecodeLastRuneInString(s string) (r rune, size int)
func DecodeLastRune(p []byte) (r rune, size int)
func ValidString(s string) bool
func Valid(p []byte) bool
func EncodeRune(p []byte, r rune) int

// AppendRune appends the UTF-8 encoding of r to the end of p.
func AppendRune(p []byte, r rune) []byte

// RuneLen returns the number of bytes required to encode the rune, or -1.
func RuneLen(r rune) int {
	switch {
	case r < 0:
		return -1
	case r < 0x80:
		return 1
	case r < 0x800:
		return 2
	case 0xD800 <= r && r <= 0xDFFF:
		return -1
	case r < 0x10000:
		return 3
	case r <= MaxRune:
		return 4
	}
	return -1
}

// ValidRune reports whether r can be legally encoded as UTF-8.
func ValidRune(r rune) bool {
	switch {
	case 0 <= r && r < 0xD800:
		return true
	case 0xDFFF < r && r <= MaxRune:
		return true
	}
	return false
}

// RuneStart reports whether the byte could be the first byte of an encoded rune.
func RuneStart(b byte) bool { return b&0xC0 != 0x80 }

// FullRune reports whether the bytes in p begin with a full UTF-8
// encoding of a rune.
func FullRune(p []byte) bool {
	if len(p) == 0 {
		return false
	}
	return FullRuneInString(string(p))
}

// FullRuneInString reports whether s begins with a full UTF-8 encoding of a rune.
func FullRuneInString(s string) bool {
	if len(s) == 0 {
		return false
	}
	r, n := DecodeRuneInString(s)
	return !(r == RuneError && n == 1 && len(s) < UTFMax && len(s) > 0 && s[0] >= 0xC2)
}
