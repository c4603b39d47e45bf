package unicode

const (
	MaxRune         = '\U0010FFFF' // Maximum valid Unicode code point.
	ReplacementChar = '\uFFFD'     // Represents invalid code points.
	MaxASCII        = '\u007F'     // maximum ASCII value.
	MaxLatin1       = '\u00FF'     // maximum Latin-1 value.
)

func IsSpace(r rune) bool
func IsLetter(r rune) bool
func IsDigit(r rune) bool
func IsUpper(r rune) bool
func IsLower(r rune) bool
func IsPunct(r rune) bool
func IsPrint(r rune) bool
func ToUpper(r rune) rune
func ToLower(r rune) rune

// IsNumber reports whether the rune is a number (category N).
func IsNumber(r rune) bool {
	switch r {
	case 0xB2, 0xB3, 0xB9, 0xBC, 0xBD, 0xBE:
		return true
	}
	return IsDigit(r) || (r >= 0x2150 && r <= 0x2189) || (r >= 0x2460 && r <= 0x249B)
}

// IsControl reports whether the rune is a control character.
func IsControl(r rune) bool {
	return uint32(r) <= 0x1F || (0x7F <= r && r <= 0x9F)
}

// IsSymbol reports whether the rune is a symbolic character.
func IsSymbol(r rune) bool {
	switch r {
	case '$', '+', '<', '=', '>', '^', '`', '|', '~', 0xA2, 0xA3, 0xA4, 0xA5, 0xA6, 0xA8, 0xA9,
		0xAC, 0xAE, 0xAF, 0xB0, 0xB1, 0xB4, 0xB8, 0xD7, 0xF7:
		return true
	}
	return (r >= 0x2190 && r <= 0x21FF) || (r >= 0x2200 && r <= 0x22FF) || (r >= 0x20A0 && r <= 0x20C0)
}

// IsGraphic reports whether the rune is defined as a Graphic by Unicode
// (letters, marks, numbers, punctuation, symbols, and spaces).
func IsGraphic(r rune) bool {
	if IsPrint(r) {
		return true
	}
	switch r {
	case 0xA0, 0x1680, 0x202F, 0x205F, 0x3000:
		return true
	}
	return r >= 0x2000 && r <= 0x200A
}

// IsMark reports whether the rune is a combining mark.
func IsMark(r rune) bool {
	return (r >= 0x300 && r <= 0x36F) || (r >= 0x1AB0 && r <= 0x1AFF) || (r >= 0x20D0 && r <= 0x20FF)
}

// IsTitle reports whether the rune is a title case letter.
func IsTitle(r rune) bool {
	switch r {
	case 0x1C5, 0x1C8, 0x1CB, 0x1F2:
		return true
	}
	return false
}

// ToTitle maps the rune to title case.
func ToTitle(r rune) rune { return ToUpper(r) }

// SimpleFold iterates over Unicode code points equivalent under simple case
// folding (for the two-case scripts csp knows).
func SimpleFold(r rune) rune {
	if u := ToUpper(r); u != r {
		return u
	}
	if l := ToLower(r); l != r {
		return l
	}
	return r
}

// A RangeTable names a set of code points. csp's tables are the classes
// above, identified by number rather than listed as ranges.
type RangeTable struct {
	id int
}

// Categories and scripts csp knows.
var (
	Letter   = &RangeTable{1}
	L        = Letter
	Digit    = &RangeTable{2}
	Nd       = Digit
	Space    = &RangeTable{3}
	Zs       = Space
	Upper    = &RangeTable{4}
	Lu       = Upper
	Lower    = &RangeTable{5}
	Ll       = Lower
	Punct    = &RangeTable{6}
	P        = Punct
	Number   = &RangeTable{7}
	N        = Number
	Symbol   = &RangeTable{8}
	S        = Symbol
	Mark     = &RangeTable{9}
	M        = Mark
	Control  = &RangeTable{10}
	Cc       = Control
	Title    = &RangeTable{11}
	Lt       = Title
	Han      = &RangeTable{20}
	Latin    = &RangeTable{21}
	Greek    = &RangeTable{22}
	Cyrillic = &RangeTable{23}
	Hiragana = &RangeTable{24}
	Katakana = &RangeTable{25}
	Hangul   = &RangeTable{26}
	Arabic   = &RangeTable{27}
	Hebrew   = &RangeTable{28}

	White_Space = &RangeTable{3}
)

// Is reports whether the rune is in the specified table.
func Is(rangeTab *RangeTable, r rune) bool {
	switch rangeTab.id {
	case 1:
		return IsLetter(r)
	case 2:
		return IsDigit(r)
	case 3:
		return IsSpace(r)
	case 4:
		return IsUpper(r)
	case 5:
		return IsLower(r)
	case 6:
		return IsPunct(r)
	case 7:
		return IsNumber(r)
	case 8:
		return IsSymbol(r)
	case 9:
		return IsMark(r)
	case 10:
		return IsControl(r)
	case 11:
		return IsTitle(r)
	case 20:
		return r >= 0x4E00 && r <= 0x9FFF || r >= 0x3400 && r <= 0x4DBF || r >= 0x20000 && r <= 0x2FA1F || r >= 0xF900 && r <= 0xFAFF || r == 0x3005 || r == 0x3007
	case 21:
		return r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r == 0xAA || r == 0xBA || r >= 0xC0 && r <= 0x24F && r != 0xD7 && r != 0xF7 || r >= 0x1E00 && r <= 0x1EFF || r >= 0xFF21 && r <= 0xFF3A || r >= 0xFF41 && r <= 0xFF5A
	case 22:
		return r >= 0x370 && r <= 0x3FF && r != 0x37E && r != 0x385 && r != 0x387 || r >= 0x1F00 && r <= 0x1FFF
	case 23:
		return r >= 0x400 && r <= 0x52F || r >= 0x1C80 && r <= 0x1C88 || r >= 0x2DE0 && r <= 0x2DFF || r >= 0xA640 && r <= 0xA69F
	case 24:
		return r >= 0x3041 && r <= 0x309F
	case 25:
		return r >= 0x30A1 && r <= 0x30FF && r != 0x30FB && r != 0x30FC || r >= 0x31F0 && r <= 0x31FF || r >= 0xFF66 && r <= 0xFF9D && r != 0xFF70
	case 26:
		return r >= 0xAC00 && r <= 0xD7A3 || r >= 0x1100 && r <= 0x11FF || r >= 0x3131 && r <= 0x318E
	case 27:
		return r >= 0x600 && r <= 0x6FF && r != 0x60C && r != 0x61B && r != 0x61F && r != 0x640
	case 28:
		return r >= 0x591 && r <= 0x5F4
	}
	return false
}

// In reports whether the rune is a member of one of the ranges.
func In(r rune, ranges ...*RangeTable) bool {
	for _, inside := range ranges {
		if Is(inside, r) {
			return true
		}
	}
	return false
}

// IsOneOf reports whether the rune is a member of one of the ranges.
func IsOneOf(ranges []*RangeTable, r rune) bool { return In(r, ranges...) }
