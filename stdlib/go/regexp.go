package regexp

// Package regexp: Go's RE2 regular expressions. The engine is native:
// stdlib/regexp_syntax.c parses, stdlib/regexp_exec.c compiles and matches
// (lazy DFA, backtracker, Pike VM), stdlib/regexp.c holds the natives
// below, which also apply Go's rules for successive matches. This file
// holds the API, result slicing and $-expansion of templates. A Regexp is
// immutable after Compile except for Longest, so it is safe for
// concurrent use.

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The natives. prog is the compiled program (opaque, shared read-only).
func compile(expr string, posix bool) (prog *byte, numSubexp int, names []string, prefix string, complete bool, err string)
func match(prog *byte, s string) bool
func matchBytes(prog *byte, b []byte) bool
func exec(prog *byte, s string, pos int, ncap int, longest bool) []int
func execBytes(prog *byte, b []byte, pos int, ncap int, longest bool) []int
func execAll(prog *byte, s string, n int, ncap int, longest bool) []int
func execAllBytes(prog *byte, b []byte, n int, ncap int, longest bool) []int
func replaceMatches(prog *byte, s string, ncap int, longest bool) []int
func replaceMatchesBytes(prog *byte, b []byte, ncap int, longest bool) []int
func submatchStrings(prog *byte, s string, longest bool) []string
func allStrings(prog *byte, s string, n int, ncap int, longest bool) []string
func replaceLiteral(prog *byte, s string, repl string, longest bool) string
func replaceLiteralBytes(prog *byte, b []byte, repl []byte, longest bool) []byte

// Regexp is the representation of a compiled regular expression.
type Regexp struct {
	expr           string
	prog           *byte
	numSubexp      int
	subexpNames    []string
	prefix         string
	prefixComplete bool
	longest        bool
}

// Error is a parse error (Go's regexp/syntax.Error); its text is Go's.
type Error struct {
	msg string
}

func (e *Error) Error() string { return e.msg }

// Compile parses a regular expression and returns, if successful, a
// Regexp object that can be used to match against text.
func Compile(expr string) (*Regexp, error) { return compileRegexp(expr, false) }

// CompilePOSIX is like Compile but restricts the syntax to POSIX ERE
// (egrep) and uses leftmost-longest semantics.
func CompilePOSIX(expr string) (*Regexp, error) { return compileRegexp(expr, true) }

func compileRegexp(expr string, posix bool) (*Regexp, error) {
	prog, n, names, prefix, complete, msg := compile(expr, posix)
	if msg != "" {
		return nil, &Error{msg}
	}
	return &Regexp{expr: expr, prog: prog, numSubexp: n, subexpNames: names,
		prefix: prefix, prefixComplete: complete, longest: posix}, nil
}

func quote(s string) string {
	if strconv.CanBackquote(s) {
		return "`" + s + "`"
	}
	return strconv.Quote(s)
}

// MustCompile is like Compile but panics if the expression cannot be
// parsed.
func MustCompile(str string) *Regexp {
	re, err := Compile(str)
	if err != nil {
		panic(`regexp: Compile(` + quote(str) + `): ` + err.Error())
	}
	return re
}

// MustCompilePOSIX is like CompilePOSIX but panics on error.
func MustCompilePOSIX(str string) *Regexp {
	re, err := CompilePOSIX(str)
	if err != nil {
		panic(`regexp: CompilePOSIX(` + quote(str) + `): ` + err.Error())
	}
	return re
}

// MatchString reports whether the string s contains any match of the
// regular expression pattern.
func MatchString(pattern string, s string) (matched bool, err error) {
	re, err := Compile(pattern)
	if err != nil {
		return false, err
	}
	return re.MatchString(s), nil
}

// Match reports whether the byte slice b contains any match of pattern.
func Match(pattern string, b []byte) (matched bool, err error) {
	re, err := Compile(pattern)
	if err != nil {
		return false, err
	}
	return re.Match(b), nil
}

// QuoteMeta returns a string that escapes all regular expression
// metacharacters inside the argument text.
func QuoteMeta(s string) string {
	var b []byte
	for i := 0; i < len(s); i++ {
		if strings.IndexByte(`\.+*?()|[]{}^$`, s[i]) >= 0 {
			if b == nil {
				b = make([]byte, 0, 2*len(s)-i)
				b = append(b, s[:i]...)
			}
			b = append(b, '\\')
		}
		if b != nil {
			b = append(b, s[i])
		}
	}
	if b == nil {
		return s
	}
	return string(b)
}

// String returns the source text used to compile the regular expression.
func (re *Regexp) String() string { return re.expr }

// Copy returns a new Regexp object copied from re.
func (re *Regexp) Copy() *Regexp {
	re2 := *re
	return &re2
}

// Longest makes future searches prefer leftmost-longest matches.
func (re *Regexp) Longest() { re.longest = true }

// NumSubexp returns the number of parenthesized subexpressions.
func (re *Regexp) NumSubexp() int { return re.numSubexp }

// SubexpNames returns the names of the parenthesized subexpressions.
func (re *Regexp) SubexpNames() []string { return re.subexpNames }

// SubexpIndex returns the index of the first subexpression with the
// given name, or -1 if there is none.
func (re *Regexp) SubexpIndex(name string) int {
	if name != "" {
		for i, s := range re.subexpNames {
			if name == s {
				return i
			}
		}
	}
	return -1
}

// LiteralPrefix returns a literal string that must begin any match of
// re, and whether that literal is the entire match.
func (re *Regexp) LiteralPrefix() (prefix string, complete bool) {
	return re.prefix, re.prefixComplete
}

// MatchString reports whether s contains any match of re.
func (re *Regexp) MatchString(s string) bool { return match(re.prog, s) }

// Match reports whether b contains any match of re.
func (re *Regexp) Match(b []byte) bool { return matchBytes(re.prog, b) }

// runeReader is io.RuneReader (declared here: package io does not have it
// yet); strings.Reader and bufio.Reader satisfy it.
type runeReader interface {
	ReadRune() (r rune, size int, err error)
}

// readRunes reads r to its end (the match needs the whole text here; Go
// reads only as far as its search goes).
func readRunes(r runeReader) string {
	var b []byte
	for {
		c, _, err := r.ReadRune()
		if err != nil {
			return string(b)
		}
		b = utf8.AppendRune(b, c)
	}
}

// MatchReader reports whether the text read from r contains a match.
func (re *Regexp) MatchReader(r runeReader) bool { return re.MatchString(readRunes(r)) }

// FindReaderIndex returns the location of the leftmost match in the text
// read from r.
func (re *Regexp) FindReaderIndex(r runeReader) (loc []int) {
	return re.FindStringIndex(readRunes(r))
}

// FindReaderSubmatchIndex returns the index pairs of the leftmost match
// and its submatches in the text read from r.
func (re *Regexp) FindReaderSubmatchIndex(r runeReader) []int {
	return re.FindStringSubmatchIndex(readRunes(r))
}

// MatchReader reports whether the text read from r contains any match of
// pattern.
func MatchReader(pattern string, r runeReader) (matched bool, err error) {
	re, err := Compile(pattern)
	if err != nil {
		return false, err
	}
	return re.MatchReader(r), nil
}

// MarshalText implements encoding.TextMarshaler: the source text.
func (re *Regexp) MarshalText() ([]byte, error) { return []byte(re.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler by compiling text.
func (re *Regexp) UnmarshalText(text []byte) error {
	newRE, err := Compile(string(text))
	if err != nil {
		return err
	}
	*re = *newRE
	return nil
}

func (re *Regexp) ncap() int { return 2 * (re.numSubexp + 1) }

// Find returns the leftmost match in b, nil if none.
func (re *Regexp) Find(b []byte) []byte {
	a := execBytes(re.prog, b, 0, 2, re.longest)
	if a == nil {
		return nil
	}
	return b[a[0]:a[1]:a[1]]
}

// FindIndex returns the location of the leftmost match in b.
func (re *Regexp) FindIndex(b []byte) (loc []int) {
	return execBytes(re.prog, b, 0, 2, re.longest)
}

// FindString returns the text of the leftmost match in s, "" if none.
func (re *Regexp) FindString(s string) string {
	a := exec(re.prog, s, 0, 2, re.longest)
	if a == nil {
		return ""
	}
	return s[a[0]:a[1]]
}

// FindStringIndex returns the location of the leftmost match in s.
func (re *Regexp) FindStringIndex(s string) (loc []int) {
	return exec(re.prog, s, 0, 2, re.longest)
}

// FindSubmatch returns the leftmost match and its submatches.
func (re *Regexp) FindSubmatch(b []byte) [][]byte {
	a := execBytes(re.prog, b, 0, re.ncap(), re.longest)
	if a == nil {
		return nil
	}
	ret := make([][]byte, 1+re.numSubexp)
	for i := range ret {
		if 2*i < len(a) && a[2*i] >= 0 {
			ret[i] = b[a[2*i]:a[2*i+1]:a[2*i+1]]
		}
	}
	return ret
}

// FindSubmatchIndex returns the index pairs of the leftmost match and
// its submatches.
func (re *Regexp) FindSubmatchIndex(b []byte) []int {
	return execBytes(re.prog, b, 0, re.ncap(), re.longest)
}

// FindStringSubmatch returns the text of the leftmost match and its
// submatches.
func (re *Regexp) FindStringSubmatch(s string) []string {
	return submatchStrings(re.prog, s, re.longest)
}

// FindStringSubmatchIndex returns the index pairs of the leftmost match
// and its submatches.
func (re *Regexp) FindStringSubmatchIndex(s string) []int {
	return exec(re.prog, s, 0, re.ncap(), re.longest)
}

func limit(n int) int {
	if n < 0 {
		return -1
	}
	return n
}

// FindAll returns successive non-overlapping matches (n < 0: all).
func (re *Regexp) FindAll(b []byte, n int) [][]byte {
	a := execAllBytes(re.prog, b, limit(n), 2, re.longest)
	if len(a) == 0 {
		return nil
	}
	ret := make([][]byte, 0, len(a)/2)
	for i := 0; i < len(a); i += 2 {
		ret = append(ret, b[a[i]:a[i+1]:a[i+1]])
	}
	return ret
}

// FindAllIndex returns the locations of successive matches.
func (re *Regexp) FindAllIndex(b []byte, n int) [][]int {
	return pairs(execAllBytes(re.prog, b, limit(n), 2, re.longest), 2)
}

// pairs cuts a flat list of match positions into one slice per match.
func pairs(a []int, w int) [][]int {
	if len(a) == 0 {
		return nil
	}
	ret := make([][]int, 0, len(a)/w)
	for i := 0; i < len(a); i += w {
		ret = append(ret, a[i:i+w:i+w])
	}
	return ret
}

// FindAllString returns successive non-overlapping matches of re in s.
func (re *Regexp) FindAllString(s string, n int) []string {
	return allStrings(re.prog, s, limit(n), 2, re.longest)
}

// FindAllStringIndex returns the locations of successive matches in s.
func (re *Regexp) FindAllStringIndex(s string, n int) [][]int {
	return pairs(execAll(re.prog, s, limit(n), 2, re.longest), 2)
}

// FindAllSubmatch returns successive matches and their submatches.
func (re *Regexp) FindAllSubmatch(b []byte, n int) [][][]byte {
	w := re.ncap()
	a := execAllBytes(re.prog, b, limit(n), w, re.longest)
	if len(a) == 0 {
		return nil
	}
	ret := make([][][]byte, 0, len(a)/w)
	for m := 0; m < len(a); m += w {
		slice := make([][]byte, w/2)
		for j := range slice {
			if a[m+2*j] >= 0 {
				slice[j] = b[a[m+2*j]:a[m+2*j+1]:a[m+2*j+1]]
			}
		}
		ret = append(ret, slice)
	}
	return ret
}

// FindAllSubmatchIndex returns the index pairs of successive matches.
func (re *Regexp) FindAllSubmatchIndex(b []byte, n int) [][]int {
	w := re.ncap()
	return pairs(execAllBytes(re.prog, b, limit(n), w, re.longest), w)
}

// FindAllStringSubmatch returns successive matches and their submatches.
func (re *Regexp) FindAllStringSubmatch(s string, n int) [][]string {
	w := re.numSubexp + 1
	a := allStrings(re.prog, s, limit(n), 2*w, re.longest)
	if len(a) == 0 {
		return nil
	}
	ret := make([][]string, 0, len(a)/w)
	for m := 0; m < len(a); m += w {
		ret = append(ret, a[m:m+w:m+w])
	}
	return ret
}

// FindAllStringSubmatchIndex returns the index pairs of successive
// matches in s.
func (re *Regexp) FindAllStringSubmatchIndex(s string, n int) [][]int {
	w := re.ncap()
	return pairs(execAll(re.prog, s, limit(n), w, re.longest), w)
}

// Split slices s into substrings separated by the expression.
func (re *Regexp) Split(s string, n int) []string {
	if n == 0 {
		return nil
	}
	if len(re.expr) > 0 && len(s) == 0 {
		return []string{""}
	}
	matches := re.FindAllStringIndex(s, n)
	strs := make([]string, 0, len(matches))
	beg := 0
	end := 0
	for _, match := range matches {
		if n > 0 && len(strs) == n-1 {
			break
		}
		end = match[0]
		if match[1] != 0 {
			strs = append(strs, s[beg:end])
		}
		beg = match[1]
	}
	if end != len(s) {
		strs = append(strs, s[beg:])
	}
	return strs
}

// ReplaceAllString returns a copy of src, replacing matches of re with
// repl, where $1, ${name} and so on are expanded as by Expand.
func (re *Regexp) ReplaceAllString(src, repl string) string {
	if !strings.Contains(repl, "$") {
		return replaceLiteral(re.prog, src, repl, re.longest)
	}
	a := replaceMatches(re.prog, src, re.ncap(), re.longest)
	if len(a) == 0 {
		return src
	}
	w := re.ncap()
	var buf []byte
	last := 0
	for m := 0; m < len(a); m += w {
		match := a[m : m+w]
		buf = append(buf, src[last:match[0]]...)
		buf = re.expand(buf, repl, nil, src, match)
		last = match[1]
	}
	buf = append(buf, src[last:]...)
	return string(buf)
}

// ReplaceAllLiteralString returns a copy of src, replacing matches of re
// with repl taken literally.
func (re *Regexp) ReplaceAllLiteralString(src, repl string) string {
	return replaceLiteral(re.prog, src, repl, re.longest)
}

// ReplaceAllStringFunc returns a copy of src in which every match has
// been replaced by repl applied to it.
func (re *Regexp) ReplaceAllStringFunc(src string, repl func(string) string) string {
	a := replaceMatches(re.prog, src, 2, re.longest)
	if len(a) == 0 {
		return src
	}
	var buf []byte
	last := 0
	for m := 0; m < len(a); m += 2 {
		buf = append(buf, src[last:a[m]]...)
		buf = append(buf, repl(src[a[m]:a[m+1]])...)
		last = a[m+1]
	}
	buf = append(buf, src[last:]...)
	return string(buf)
}

// ReplaceAll returns a copy of src, replacing matches of re with repl
// ($ expanded as by Expand).
func (re *Regexp) ReplaceAll(src, repl []byte) []byte {
	template := string(repl)
	if !strings.Contains(template, "$") {
		return replaceLiteralBytes(re.prog, src, repl, re.longest)
	}
	w := re.ncap()
	a := replaceMatchesBytes(re.prog, src, w, re.longest)
	var buf []byte
	last := 0
	for m := 0; m < len(a); m += w {
		match := a[m : m+w]
		buf = append(buf, src[last:match[0]]...)
		buf = re.expand(buf, template, src, "", match)
		last = match[1]
	}
	if len(a) == 0 {
		return append(buf, src...)
	}
	return append(buf, src[last:]...)
}

// ReplaceAllLiteral returns a copy of src, replacing matches of re with
// repl taken literally.
func (re *Regexp) ReplaceAllLiteral(src, repl []byte) []byte {
	return replaceLiteralBytes(re.prog, src, repl, re.longest)
}

// ReplaceAllFunc returns a copy of src in which every match has been
// replaced by repl applied to it.
func (re *Regexp) ReplaceAllFunc(src []byte, repl func([]byte) []byte) []byte {
	a := replaceMatchesBytes(re.prog, src, 2, re.longest)
	var buf []byte
	last := 0
	for m := 0; m < len(a); m += 2 {
		buf = append(buf, src[last:a[m]]...)
		buf = append(buf, repl(src[a[m]:a[m+1]])...)
		last = a[m+1]
	}
	if len(a) == 0 {
		return append(buf, src...)
	}
	return append(buf, src[last:]...)
}

// Expand appends template to dst with $-variables replaced by the
// submatches of match in src, and returns the result.
func (re *Regexp) Expand(dst []byte, template []byte, src []byte, match []int) []byte {
	return re.expand(dst, string(template), src, "", match)
}

// ExpandString is like Expand but the template and source are strings.
func (re *Regexp) ExpandString(dst []byte, template string, src string, match []int) []byte {
	return re.expand(dst, template, nil, src, match)
}

func (re *Regexp) expand(dst []byte, template string, bsrc []byte, src string, match []int) []byte {
	for len(template) > 0 {
		before, after, ok := strings.Cut(template, "$")
		if !ok {
			break
		}
		dst = append(dst, before...)
		template = after
		if template != "" && template[0] == '$' {
			dst = append(dst, '$')
			template = template[1:]
			continue
		}
		name, num, rest, ok := extract(template)
		if !ok {
			// Malformed: the $ is literal text.
			dst = append(dst, '$')
			continue
		}
		template = rest
		if num >= 0 {
			if 2*num+1 < len(match) && match[2*num] >= 0 {
				if bsrc != nil {
					dst = append(dst, bsrc[match[2*num]:match[2*num+1]]...)
				} else {
					dst = append(dst, src[match[2*num]:match[2*num+1]]...)
				}
			}
		} else {
			for i, namei := range re.subexpNames {
				if name == namei && 2*i+1 < len(match) && match[2*i] >= 0 {
					if bsrc != nil {
						dst = append(dst, bsrc[match[2*i]:match[2*i+1]]...)
					} else {
						dst = append(dst, src[match[2*i]:match[2*i+1]]...)
					}
					break
				}
			}
		}
	}
	return append(dst, template...)
}

// extract parses a $name or ${name} reference at the start of str: the
// longest run of letters, digits and underscores (so $1x names "1x").
func extract(str string) (name string, num int, rest string, ok bool) {
	if str == "" {
		return
	}
	brace := false
	if str[0] == '{' {
		brace = true
		str = str[1:]
	}
	i := 0
	for i < len(str) {
		r, size := utf8.DecodeRuneInString(str[i:])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_' {
			break
		}
		i += size
	}
	if i == 0 {
		return
	}
	name = str[:i]
	if brace {
		if i >= len(str) || str[i] != '}' {
			return
		}
		i++
	}
	num = 0
	for j := 0; j < len(name); j++ {
		if name[j] < '0' || '9' < name[j] || num >= 1e8 {
			num = -1
			break
		}
		num = num*10 + int(name[j]) - '0'
	}
	if name[0] == '0' && len(name) > 1 {
		num = -1
	}
	rest = str[i:]
	ok = true
	return
}
