package filepath

// Package filepath: file name paths for the host (Unix: '/' separated),
// as Go's path/filepath: the lexical functions (shared with package path),
// Abs, Rel, SplitList, Glob, Walk and WalkDir over the real file system.

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"strings"
)

const (
	Separator     = os.PathSeparator
	ListSeparator = os.PathListSeparator
)

// ErrBadPattern indicates a pattern was malformed.
var ErrBadPattern = errors.New("syntax error in pattern")

// SkipDir and SkipAll are io/fs's, so a walk function may return either.
var (
	SkipDir = fs.SkipDir
	SkipAll = fs.SkipAll
)

// WalkFunc is the type of the function called by Walk to visit each file
// or directory.
type WalkFunc func(path string, info fs.FileInfo, err error) error

func Clean(p string) string               { return path.Clean(p) }
func Join(elem ...string) string          { return path.Join(elem...) }
func Split(p string) (dir, file string)   { return path.Split(p) }
func Ext(p string) string                 { return path.Ext(p) }
func Base(p string) string                { return path.Base(p) }
func Dir(p string) string                 { return path.Dir(p) }
func IsAbs(p string) bool                 { return path.IsAbs(p) }
func ToSlash(p string) string             { return p }
func FromSlash(p string) string           { return p }
func VolumeName(p string) string          { return "" }

// IsLocal reports whether path is local: not empty, not absolute, and
// not escaping its directory through "..".
func IsLocal(p string) bool {
	if IsAbs(p) || p == "" {
		return false
	}
	hasDots := false
	for q := p; q != ""; {
		var part string
		part, q, _ = strings.Cut(q, "/")
		if part == "." || part == ".." {
			hasDots = true
			break
		}
	}
	if hasDots {
		p = Clean(p)
	}
	if p == ".." || strings.HasPrefix(p, "../") {
		return false
	}
	return true
}

// Match reports whether name matches the shell file name pattern (see
// path.Match).
func Match(pattern, name string) (matched bool, err error) {
	matched, err = path.Match(pattern, name)
	if err == path.ErrBadPattern {
		err = ErrBadPattern
	}
	return
}

// SplitList splits a list of paths joined by ':' (as in $PATH).
func SplitList(p string) []string {
	if p == "" {
		return []string{}
	}
	return strings.Split(p, string(ListSeparator))
}

// Abs returns an absolute representation of path, joined to the working
// directory if relative, and cleaned.
func Abs(p string) (string, error) {
	if IsAbs(p) {
		return Clean(p), nil
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	return Join(wd, p), nil
}

// Rel returns a relative path that is lexically equivalent to targpath
// when joined to basepath.
func Rel(basepath, targpath string) (string, error) {
	base := Clean(basepath)
	targ := Clean(targpath)
	if targ == base {
		return ".", nil
	}
	if base == "." {
		base = ""
	}
	baseSlashed := len(base) > 0 && base[0] == '/'
	targSlashed := len(targ) > 0 && targ[0] == '/'
	if baseSlashed != targSlashed {
		return "", errors.New("Rel: can't make " + targpath + " relative to " + basepath)
	}
	bl, tl := len(base), len(targ)
	var b0, bi, t0, ti int
	for {
		for bi < bl && base[bi] != '/' {
			bi++
		}
		for ti < tl && targ[ti] != '/' {
			ti++
		}
		if targ[t0:ti] != base[b0:bi] {
			break
		}
		if bi < bl {
			bi++
		}
		if ti < tl {
			ti++
		}
		b0 = bi
		t0 = ti
	}
	if base[b0:bi] == ".." {
		return "", errors.New("Rel: can't make " + targpath + " relative to " + basepath)
	}
	if b0 != bl {
		seps := strings.Count(base[b0:bl], "/")
		buf := ".." + strings.Repeat("/..", seps)
		if t0 != tl {
			buf += "/" + targ[t0:]
		}
		return buf, nil
	}
	return targ[t0:], nil
}

// EvalSymlinks returns the path name after the evaluation of any symbolic
// links, cleaned.
func EvalSymlinks(p string) (string, error) {
	if p == "" {
		return p, nil
	}
	var dest string
	rest := p
	if IsAbs(p) {
		dest = "/"
	}
	links := 0
	for rest != "" {
		var part string
		part, rest, _ = strings.Cut(rest, "/")
		switch part {
		case "", ".":
			continue
		case "..":
			if dest == "" || Base(dest) == ".." {
				dest = Join(dest, "..")
			} else if dest != "/" {
				dest = Dir(dest)
			}
			continue
		}
		next := Join(dest, part)
		if dest == "" {
			next = part
		}
		fi, err := os.Lstat(next)
		if err != nil {
			return "", err
		}
		if fi.Mode()&fs.ModeSymlink == 0 {
			dest = next
			continue
		}
		links++
		if links > 255 {
			return "", errors.New("EvalSymlinks: too many links")
		}
		target, err := os.Readlink(next)
		if err != nil {
			return "", err
		}
		if IsAbs(target) {
			dest = "/"
		}
		rest = target + "/" + rest
	}
	if dest == "" {
		return ".", nil
	}
	return Clean(dest), nil
}

// hasMeta reports whether p contains any of the magic characters
// recognized by Match.
func hasMeta(p string) bool { return strings.ContainsAny(p, `*?[\`) }

// Glob returns the names of all files matching pattern, or nil if there
// is no matching file; the only possible error is ErrBadPattern.
func Glob(pattern string) (matches []string, err error) {
	if _, err := Match(pattern, ""); err != nil {
		return nil, err
	}
	if !hasMeta(pattern) {
		if _, err = os.Lstat(pattern); err != nil {
			return nil, nil
		}
		return []string{pattern}, nil
	}
	dir, file := Split(pattern)
	switch dir {
	case "":
		dir = "."
	case "/":
	default:
		dir = dir[0 : len(dir)-1]
	}
	if !hasMeta(dir) {
		return glob(dir, file, nil)
	}
	if dir == pattern {
		return nil, ErrBadPattern
	}
	var m []string
	m, err = Glob(dir)
	if err != nil {
		return
	}
	for _, d := range m {
		matches, err = glob(d, file, matches)
		if err != nil {
			return
		}
	}
	return
}

// glob appends to matches the names in dir that match pattern (dir names
// a directory; anything else matches nothing).
func glob(dir, pattern string, matches []string) (m []string, e error) {
	m = matches
	fi, err := os.Stat(dir)
	if err != nil || !fi.IsDir() {
		return
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, d := range ents {
		n := d.Name()
		matched, err := Match(pattern, n)
		if err != nil {
			return m, err
		}
		if matched {
			m = append(m, Join(dir, n))
		}
	}
	return
}

// statDirEntry is the DirEntry of a walk's root.
type statDirEntry struct{ info fs.FileInfo }

func (d *statDirEntry) Name() string               { return d.info.Name() }
func (d *statDirEntry) IsDir() bool                { return d.info.IsDir() }
func (d *statDirEntry) Type() fs.FileMode          { return d.info.Mode().Type() }
func (d *statDirEntry) Info() (fs.FileInfo, error) { return d.info, nil }
func (d *statDirEntry) String() string             { return fs.FormatDirEntry(d) }

// WalkDir walks the file tree rooted at root, calling fn for each file or
// directory in lexical order, root included; fn's SkipDir and SkipAll
// prune the walk.
func WalkDir(root string, fn fs.WalkDirFunc) error {
	info, err := os.Lstat(root)
	if err != nil {
		err = fn(root, nil, err)
	} else {
		err = walkDir(root, &statDirEntry{info}, fn)
	}
	if err == SkipDir || err == SkipAll {
		return nil
	}
	return err
}

func walkDir(p string, d fs.DirEntry, fn fs.WalkDirFunc) error {
	if err := fn(p, d, nil); err != nil || !d.IsDir() {
		if err == SkipDir && d.IsDir() {
			err = nil
		}
		return err
	}
	dirs, err := os.ReadDir(p)
	if err != nil {
		// A second call reports the error reading the directory.
		err = fn(p, d, err)
		if err != nil {
			if err == SkipDir && d.IsDir() {
				err = nil
			}
			return err
		}
	}
	for _, d1 := range dirs {
		if err := walkDir(Join(p, d1.Name()), d1, fn); err != nil {
			if err == SkipDir {
				break
			}
			return err
		}
	}
	return nil
}

// Walk walks the file tree rooted at root, calling fn with each file's
// FileInfo (from Lstat), in lexical order.
func Walk(root string, fn WalkFunc) error {
	info, err := os.Lstat(root)
	if err != nil {
		err = fn(root, nil, err)
	} else {
		err = walk(root, info, fn)
	}
	if err == SkipDir || err == SkipAll {
		return nil
	}
	return err
}

func walk(p string, info fs.FileInfo, fn WalkFunc) error {
	if !info.IsDir() {
		return fn(p, info, nil)
	}
	ents, err := os.ReadDir(p)
	err1 := fn(p, info, err)
	if err != nil || err1 != nil {
		return err1
	}
	for _, e := range ents {
		filename := Join(p, e.Name())
		fileInfo, err := os.Lstat(filename)
		if err != nil {
			if err := fn(filename, fileInfo, err); err != nil && err != SkipDir {
				return err
			}
		} else {
			err = walk(filename, fileInfo, fn)
			if err != nil {
				if !fileInfo.IsDir() || err != SkipDir {
					return err
				}
			}
		}
	}
	return nil
}
