package os

// Package os: the process (Args, Exit, the environment, Getpid,
// Hostname), the standard streams as *File, and the file system: files
// (Open, Create, OpenFile, Read/Write/Seek/ReadAt/WriteAt/Stat/Sync),
// ReadFile/WriteFile, Stat/Lstat, Mkdir(All), Remove(All), Rename,
// ReadDir, MkdirTemp/CreateTemp, Getwd/Chdir, Chmod, Symlink/Readlink.
//
// System calls are natives that return an errno (0 for success); the Go
// side wraps it in errno, which, like Go's syscall.Errno, matches
// ErrNotExist, ErrExist and ErrPermission under errors.Is.

import (
	"errors"
	"io"
	"io/fs"
	"sync/atomic"
	"syscall"
	"time"
)

// File is an open file descriptor.
type File struct {
	fd       int
	name     string
	closed   bool
	pollable bool // non-blocking and on the poller: see pollRead
}

var (
	// Stdin is polled only if it already is non-blocking (Go's NewFile
	// rule): csp never changes the mode of a descriptor it inherits.
	Stdin  = NewFile(0, "/dev/stdin")
	Stdout = &File{fd: 1, name: "/dev/stdout"}
	Stderr = &File{fd: 2, name: "/dev/stderr"}
)

// The file-system vocabulary is io/fs's, as in Go.
type (
	FileMode = fs.FileMode
	FileInfo = fs.FileInfo
	DirEntry = fs.DirEntry
	PathError = fs.PathError
)

const (
	ModeDir        = fs.ModeDir
	ModeAppend     = fs.ModeAppend
	ModeExclusive  = fs.ModeExclusive
	ModeTemporary  = fs.ModeTemporary
	ModeSymlink    = fs.ModeSymlink
	ModeDevice     = fs.ModeDevice
	ModeNamedPipe  = fs.ModeNamedPipe
	ModeSocket     = fs.ModeSocket
	ModeSetuid     = fs.ModeSetuid
	ModeSetgid     = fs.ModeSetgid
	ModeCharDevice = fs.ModeCharDevice
	ModeSticky     = fs.ModeSticky
	ModeIrregular  = fs.ModeIrregular
	ModeType       = fs.ModeType
	ModePerm       = fs.ModePerm
)

var (
	ErrInvalid    = fs.ErrInvalid
	ErrPermission = fs.ErrPermission
	ErrExist      = fs.ErrExist
	ErrNotExist   = fs.ErrNotExist
	ErrClosed     = fs.ErrClosed
)

const (
	PathSeparator     = '/'
	PathListSeparator = ':'
	DevNull           = "/dev/null"
)

// Linux errno values the package tests for.
const (
	eNOENT  = 2
	eEXIST  = 17
	eNOTDIR = 20
	eINVAL  = 22
)

// errno is a system call's error number: Go's syscall.Errno, so that %T,
// errors.Is and errors.As see what they see under Go.
type errno = syscall.Errno

func runtimeArgs() []string

// Args hold the command-line arguments, starting with the program name.
var Args []string = runtimeArgs()

// write and read return the count, or minus the errno.
func write(fd int, b []byte) int
func writeString(fd int, s string) int
func read(fd int, b []byte) int

func (f *File) checkValid(op string) error {
	if f == nil {
		return ErrInvalid
	}
	if f.closed {
		return &PathError{Op: op, Path: f.name, Err: ErrClosed}
	}
	return nil
}

// Write writes len(b) bytes from b to the File.
func (f *File) Write(b []byte) (n int, err error) {
	if err := f.checkValid("write"); err != nil {
		return 0, err
	}
	if f.pollable {
		return f.pollWrite(b)
	}
	n = write(f.fd, b)
	if n < 0 {
		return 0, &PathError{Op: "write", Path: f.name, Err: errno(-n)}
	}
	return n, nil
}

// WriteString is like Write, but writes the contents of string s.
func (f *File) WriteString(s string) (n int, err error) {
	if err := f.checkValid("write"); err != nil {
		return 0, err
	}
	if f.pollable {
		return f.pollWrite([]byte(s))
	}
	n = writeString(f.fd, s)
	if n < 0 {
		return 0, &PathError{Op: "write", Path: f.name, Err: errno(-n)}
	}
	return n, nil
}

// Read reads up to len(b) bytes from the File; at end of file it returns
// 0, io.EOF.
func (f *File) Read(b []byte) (n int, err error) {
	if err := f.checkValid("read"); err != nil {
		return 0, err
	}
	if len(b) == 0 {
		return 0, nil
	}
	if f.pollable {
		return f.pollRead(b)
	}
	n = read(f.fd, b)
	if n == 0 {
		return 0, io.EOF
	}
	if n < 0 {
		return 0, &PathError{Op: "read", Path: f.name, Err: errno(-n)}
	}
	return n, nil
}

func pread(fd int, b []byte, off int64) int
func pwrite(fd int, b []byte, off int64) int

// ReadAt reads len(b) bytes from the File starting at byte offset off; it
// returns a non-nil error when n < len(b) (io.EOF at end of file).
func (f *File) ReadAt(b []byte, off int64) (n int, err error) {
	if err := f.checkValid("read"); err != nil {
		return 0, err
	}
	if off < 0 {
		return 0, &PathError{Op: "readat", Path: f.name, Err: errors.New("negative offset")}
	}
	for len(b) > 0 {
		m := pread(f.fd, b, off)
		if m < 0 {
			return n, &PathError{Op: "read", Path: f.name, Err: errno(-m)}
		}
		if m == 0 {
			return n, io.EOF
		}
		n += m
		b = b[m:]
		off += int64(m)
	}
	return n, nil
}

// WriteAt writes len(b) bytes to the File starting at byte offset off.
func (f *File) WriteAt(b []byte, off int64) (n int, err error) {
	if err := f.checkValid("write"); err != nil {
		return 0, err
	}
	if off < 0 {
		return 0, &PathError{Op: "writeat", Path: f.name, Err: errors.New("negative offset")}
	}
	for len(b) > 0 {
		m := pwrite(f.fd, b, off)
		if m < 0 {
			return n, &PathError{Op: "write", Path: f.name, Err: errno(-m)}
		}
		n += m
		b = b[m:]
		off += int64(m)
	}
	return n, nil
}

func seek(fd int, offset int64, whence int) (int64, int)

// Seek sets the offset for the next Read or Write on file to offset,
// interpreted according to whence (io.SeekStart, SeekCurrent, SeekEnd).
func (f *File) Seek(offset int64, whence int) (ret int64, err error) {
	if err := f.checkValid("seek"); err != nil {
		return 0, err
	}
	r, e := seek(f.fd, offset, whence)
	if e != 0 {
		return 0, &PathError{Op: "seek", Path: f.name, Err: errno(e)}
	}
	return r, nil
}

func fsync(fd int) int

// Sync commits the current contents of the file to stable storage.
func (f *File) Sync() error {
	if err := f.checkValid("sync"); err != nil {
		return err
	}
	if e := fsync(f.fd); e != 0 {
		return &PathError{Op: "sync", Path: f.name, Err: errno(e)}
	}
	return nil
}

func closeFd(fd int) int

// Close closes the File; closing it again returns an error.
func (f *File) Close() error {
	if f == nil {
		return ErrInvalid
	}
	if f.closed {
		return &PathError{Op: "close", Path: f.name, Err: ErrClosed}
	}
	f.closed = true
	if f.pollable {
		pollClose(f.fd) // wakes goroutines parked on it
	}
	if e := closeFd(f.fd); e != 0 {
		return &PathError{Op: "close", Path: f.name, Err: errno(e)}
	}
	return nil
}

// Name returns the name of the file as presented to Open.
func (f *File) Name() string { return f.name }

// Fd returns the integer Unix file descriptor. As in Go, a polled file is
// put back in blocking mode (the caller may hand it to code expecting that).
func (f *File) Fd() uintptr {
	if f == nil {
		return ^uintptr(0)
	}
	if f.pollable && !f.closed {
		setBlocking(f.fd)
		f.pollable = false
	}
	return uintptr(f.fd)
}

// Stat returns the FileInfo structure describing file.
func (f *File) Stat() (FileInfo, error) {
	if err := f.checkValid("stat"); err != nil {
		return nil, err
	}
	size, mode, mtime, e := fstat(f.fd)
	if e != 0 {
		return nil, &PathError{Op: "stat", Path: f.name, Err: errno(e)}
	}
	return &fileStat{basename(f.name), size, FileMode(mode), mtime}, nil
}

// ReadDir reads the directory f names and returns its entries sorted by
// file name (n > 0 returns at most n of them).
func (f *File) ReadDir(n int) ([]DirEntry, error) {
	if err := f.checkValid("readdir"); err != nil {
		return nil, err
	}
	d, err := ReadDir(f.name)
	if n > 0 && len(d) > n {
		d = d[:n]
	}
	return d, err
}

// Readdirnames reads the names of the directory f's entries, sorted.
func (f *File) Readdirnames(n int) (names []string, err error) {
	d, err := f.ReadDir(n)
	for _, e := range d {
		names = append(names, e.Name())
	}
	return names, err
}

// Chmod changes the mode of the file to mode.
func (f *File) Chmod(mode FileMode) error { return Chmod(f.name, mode) }

// A Signal represents an operating system signal. On Unix it is a
// syscall.Signal.
type Signal interface {
	String() string
	Signal() // to distinguish from other Stringers
}

// The signals every system has: Interrupt (SIGINT) and Kill (SIGKILL).
var (
	Interrupt Signal = syscall.SIGINT
	Kill      Signal = syscall.SIGKILL
)

// Exit causes the current program to exit with the given status code.
// Deferred functions are not run.
func Exit(code int)

// Getenv retrieves the value of the environment variable named by the key.
func Getenv(key string) string {
	v, _ := LookupEnv(key)
	return v
}

// LookupEnv retrieves the value of the environment variable named by the key.
func LookupEnv(key string) (string, bool)

// Setenv sets the value of the environment variable named by the key.
func Setenv(key, value string) error {
	if !setenv(key, value) {
		return &SyscallError{"setenv", errno(eINVAL)}
	}
	return nil
}

func setenv(key, value string) bool
func unsetenv(key string)

// Unsetenv unsets a single environment variable.
func Unsetenv(key string) error {
	unsetenv(key)
	return nil
}

// Environ returns a copy of strings representing the environment, in the
// form "key=value".
func Environ() []string

// Clearenv deletes all environment variables.
func Clearenv() {
	for _, kv := range Environ() {
		for i := 1; i < len(kv); i++ {
			if kv[i] == '=' {
				unsetenv(kv[:i])
				break
			}
		}
	}
}

// ExpandEnv replaces ${var} or $var in the string according to the values
// of the current environment variables.
func ExpandEnv(s string) string { return Expand(s, Getenv) }

// Expand replaces ${var} or $var in the string based on the mapping
// function, with the shell's special one-character names.
func Expand(s string, mapping func(string) string) string {
	var buf []byte
	i := 0
	for j := 0; j < len(s); j++ {
		if s[j] == '$' && j+1 < len(s) {
			if buf == nil {
				buf = make([]byte, 0, 2*len(s))
			}
			buf = append(buf, s[i:j]...)
			name, w := getShellName(s[j+1:])
			if name == "" && w > 0 {
				// Invalid syntax: the characters are eaten.
			} else if name == "" {
				// A $ not followed by a name stays.
				buf = append(buf, s[j])
			} else {
				buf = append(buf, mapping(name)...)
			}
			j += w
			i = j + 1
		}
	}
	if buf == nil {
		return s
	}
	return string(buf) + s[i:]
}

func isShellSpecialVar(c uint8) bool {
	switch c {
	case '*', '#', '$', '@', '!', '?', '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		return true
	}
	return false
}

func isAlphaNum(c uint8) bool {
	return c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// getShellName returns the name that begins s and the bytes it spans.
func getShellName(s string) (string, int) {
	switch {
	case s[0] == '{':
		if len(s) > 2 && isShellSpecialVar(s[1]) && s[2] == '}' {
			return s[1:2], 3
		}
		for i := 1; i < len(s); i++ {
			if s[i] == '}' {
				if i == 1 {
					return "", 2 // "${}" is eaten
				}
				return s[1:i], i + 1
			}
		}
		return "", 1 // "${" without "}" eats the "{"
	case isShellSpecialVar(s[0]):
		return s[0:1], 1
	}
	var i int
	for i = 0; i < len(s) && isAlphaNum(s[i]); i++ {
	}
	return s[:i], i
}

// Hostname returns the host name reported by the kernel.
func Hostname() (name string, err error) {
	return hostname(), nil
}

func hostname() string

func Getpid() int
func Getppid() int
func Getuid() int
func Getgid() int

// ---- errors ----

// LinkError records an error during a link or symlink or rename system
// call and the paths that caused it.
type LinkError struct {
	Op  string
	Old string
	New string
	Err error
}

func (e *LinkError) Error() string { return e.Op + " " + e.Old + " " + e.New + ": " + e.Err.Error() }

func (e *LinkError) Unwrap() error { return e.Err }

// SyscallError records an error from a specific system call.
type SyscallError struct {
	Syscall string
	Err     error
}

func (e *SyscallError) Error() string { return e.Syscall + ": " + e.Err.Error() }

func (e *SyscallError) Unwrap() error { return e.Err }

// NewSyscallError returns, as an error, a new SyscallError with the given
// system call name and error details (nil if err is nil).
func NewSyscallError(syscall string, err error) error {
	if err == nil {
		return nil
	}
	return &SyscallError{syscall, err}
}

func underlyingError(err error) error {
	switch err := err.(type) {
	case *PathError:
		return err.Err
	case *LinkError:
		return err.Err
	case *SyscallError:
		return err.Err
	}
	return err
}

// underlyingErrorIs is Go's test behind IsExist and friends: it unwraps
// only the package's own error types, never fmt.Errorf's.
func underlyingErrorIs(err, target error) bool {
	err = underlyingError(err)
	if err == target {
		return true
	}
	e, ok := err.(errno)
	return ok && e.Is(target)
}

// IsExist reports whether err says a file or directory already exists.
func IsExist(err error) bool { return underlyingErrorIs(err, ErrExist) }

// IsNotExist reports whether err says a file or directory does not exist.
func IsNotExist(err error) bool { return underlyingErrorIs(err, ErrNotExist) }

// IsPermission reports whether err says permission is denied.
func IsPermission(err error) bool { return underlyingErrorIs(err, ErrPermission) }

// ---- whole files ----

// readFile returns the file's bytes, or an errno and whether the read
// (not the open) failed.
func readFile(name string) ([]byte, int, bool)

// ReadFile reads the named file and returns the contents.
func ReadFile(name string) ([]byte, error) {
	b, e, inRead := readFile(name)
	if e != 0 {
		if inRead {
			return nil, &PathError{Op: "read", Path: name, Err: errno(e)}
		}
		return nil, &PathError{Op: "open", Path: name, Err: errno(e)}
	}
	return b, nil
}

func writeFile(name string, data []byte, perm int) int

// WriteFile writes data to the named file, creating it if necessary.
func WriteFile(name string, data []byte, perm FileMode) error {
	if e := writeFile(name, data, int(perm.Perm())); e != 0 {
		return &PathError{Op: "open", Path: name, Err: errno(e)}
	}
	return nil
}

// Flags to OpenFile (Linux values).
const (
	O_RDONLY int = 0x0
	O_WRONLY int = 0x1
	O_RDWR   int = 0x2
	O_APPEND int = 0x400
	O_CREATE int = 0x40
	O_EXCL   int = 0x80
	O_SYNC   int = 0x101000
	O_TRUNC  int = 0x200
)

// openFile returns a descriptor, or -errno.
func openFile(name string, flag int, perm int) int

// OpenFile is the generalized open call.
func OpenFile(name string, flag int, perm FileMode) (*File, error) {
	fd := openFile(name, flag, int(perm.Perm()))
	if fd < 0 {
		return nil, &PathError{Op: "open", Path: name, Err: errno(-fd)}
	}
	return newFile(fd, name, kindOpenFile), nil
}

// Open opens the named file for reading.
func Open(name string) (*File, error) { return OpenFile(name, O_RDONLY, 0) }

// Create creates or truncates the named file.
func Create(name string) (*File, error) {
	return OpenFile(name, O_RDWR|O_CREATE|O_TRUNC, 0666)
}

func pipe() (r int, w int, e int)

// Pipe returns a connected pair of Files; reads from r return bytes
// written to w.
func Pipe() (r *File, w *File, err error) {
	rfd, wfd, e := pipe()
	if e != 0 {
		return nil, nil, &SyscallError{"pipe2", errno(e)}
	}
	return newFile(rfd, "|0", kindPipe), newFile(wfd, "|1", kindPipe), nil
}

// ---- the file system ----

// fileStat is the FileInfo of Stat, Lstat and File.Stat.
type fileStat struct {
	name    string
	size    int64
	mode    FileMode
	modTime int64 // ns since the epoch
}

func (st *fileStat) Name() string       { return st.name }
func (st *fileStat) Size() int64        { return st.size }
func (st *fileStat) Mode() FileMode     { return st.mode }
func (st *fileStat) ModTime() time.Time { return time.Unix(0, st.modTime) }
func (st *fileStat) IsDir() bool        { return st.mode.IsDir() }
func (st *fileStat) Sys() any           { return nil }

// stat returns size, Go mode bits and modification time, or an errno.
func stat(name string, follow bool) (int64, uint32, int64, int)
func fstat(fd int) (int64, uint32, int64, int)

func basename(name string) string {
	i := len(name) - 1
	for i > 0 && name[i] == '/' {
		name = name[:i]
		i--
	}
	for i--; i >= 0; i-- {
		if name[i] == '/' {
			name = name[i+1:]
			break
		}
	}
	return name
}

// Stat returns a FileInfo describing the named file (following links).
func Stat(name string) (FileInfo, error) {
	size, mode, mtime, e := stat(name, true)
	if e != 0 {
		return nil, &PathError{Op: "stat", Path: name, Err: errno(e)}
	}
	return &fileStat{basename(name), size, FileMode(mode), mtime}, nil
}

// Lstat returns a FileInfo describing the named file, not following a
// final symbolic link.
func Lstat(name string) (FileInfo, error) {
	size, mode, mtime, e := stat(name, false)
	if e != 0 {
		return nil, &PathError{Op: "lstat", Path: name, Err: errno(e)}
	}
	return &fileStat{basename(name), size, FileMode(mode), mtime}, nil
}

func mkdir(name string, perm int) int

// Mkdir creates a new directory with the specified name and permission
// bits (before umask).
func Mkdir(name string, perm FileMode) error {
	if e := mkdir(name, int(perm.Perm())); e != 0 {
		return &PathError{Op: "mkdir", Path: name, Err: errno(e)}
	}
	return nil
}

// MkdirAll creates a directory named path, along with any necessary
// parents; it does nothing if path is already a directory.
func MkdirAll(path string, perm FileMode) error {
	dir, err := Stat(path)
	if err == nil {
		if dir.IsDir() {
			return nil
		}
		return &PathError{Op: "mkdir", Path: path, Err: errno(eNOTDIR)}
	}
	i := len(path)
	for i > 0 && path[i-1] == '/' {
		i--
	}
	j := i
	for j > 0 && path[j-1] != '/' {
		j--
	}
	if j > 1 {
		if err = MkdirAll(path[:j-1], perm); err != nil {
			return err
		}
	}
	err = Mkdir(path, perm)
	if err != nil {
		dir, err1 := Lstat(path)
		if err1 == nil && dir.IsDir() {
			return nil
		}
		return err
	}
	return nil
}

func removeFile(name string) int

// Remove removes the named file or (empty) directory.
func Remove(name string) error {
	if e := removeFile(name); e != 0 {
		return &PathError{Op: "remove", Path: name, Err: errno(e)}
	}
	return nil
}

// RemoveAll removes path and any children it contains; a path that does
// not exist is not an error.
func RemoveAll(path string) error {
	if path == "" {
		return nil
	}
	if path == "." || path == ".." || len(path) >= 2 && path[len(path)-1] == '.' &&
		(path[len(path)-2] == '/' || len(path) >= 3 && path[len(path)-2] == '.' && path[len(path)-3] == '/') {
		return &PathError{Op: "RemoveAll", Path: path, Err: errno(eINVAL)}
	}
	err := Remove(path)
	if err == nil || IsNotExist(err) {
		return nil
	}
	dir, serr := Lstat(path)
	if serr != nil {
		if IsNotExist(serr) {
			return nil
		}
		return serr
	}
	if !dir.IsDir() {
		return err
	}
	names, e := readDirNames(path)
	if e != 0 {
		return &PathError{Op: "open", Path: path, Err: errno(e)}
	}
	var first error
	for _, n := range names {
		if err := RemoveAll(path + "/" + n); err != nil && first == nil {
			first = err
		}
	}
	err = Remove(path)
	if err == nil || IsNotExist(err) {
		return nil
	}
	if first != nil {
		return first
	}
	return err
}

func rename(oldpath, newpath string) int

// Rename renames (moves) oldpath to newpath.
func Rename(oldpath, newpath string) error {
	if e := rename(oldpath, newpath); e != 0 {
		return &LinkError{"rename", oldpath, newpath, errno(e)}
	}
	return nil
}

func symlink(oldname, newname string) int
func link(oldname, newname string) int

// Symlink creates newname as a symbolic link to oldname.
func Symlink(oldname, newname string) error {
	if e := symlink(oldname, newname); e != 0 {
		return &LinkError{"symlink", oldname, newname, errno(e)}
	}
	return nil
}

// Link creates newname as a hard link to the oldname file.
func Link(oldname, newname string) error {
	if e := link(oldname, newname); e != 0 {
		return &LinkError{"link", oldname, newname, errno(e)}
	}
	return nil
}

func readlink(name string) (string, int)

// Readlink returns the destination of the named symbolic link.
func Readlink(name string) (string, error) {
	s, e := readlink(name)
	if e != 0 {
		return "", &PathError{Op: "readlink", Path: name, Err: errno(e)}
	}
	return s, nil
}

func chmod(name string, mode int) int

// Chmod changes the mode of the named file to mode's permission bits.
func Chmod(name string, mode FileMode) error {
	m := int(mode.Perm())
	if mode&ModeSetuid != 0 {
		m |= 0o4000
	}
	if mode&ModeSetgid != 0 {
		m |= 0o2000
	}
	if mode&ModeSticky != 0 {
		m |= 0o1000
	}
	if e := chmod(name, m); e != 0 {
		return &PathError{Op: "chmod", Path: name, Err: errno(e)}
	}
	return nil
}

func truncate(name string, size int64) int

// Truncate changes the size of the named file.
func Truncate(name string, size int64) error {
	if e := truncate(name, size); e != 0 {
		return &PathError{Op: "truncate", Path: name, Err: errno(e)}
	}
	return nil
}

// readDirNames returns the names in a directory (without . and ..), in
// the order the kernel gives them, or an errno.
func readDirNames(name string) ([]string, int)

// dirEntry is the DirEntry of ReadDir.
type dirEntry struct {
	dir  string
	name string
	typ  FileMode
}

func (d *dirEntry) Name() string               { return d.name }
func (d *dirEntry) IsDir() bool                { return d.typ.IsDir() }
func (d *dirEntry) Type() FileMode             { return d.typ }
func (d *dirEntry) Info() (FileInfo, error)    { return Lstat(d.dir + "/" + d.name) }
func (d *dirEntry) String() string             { return fs.FormatDirEntry(d) }

// ReadDir reads the named directory, returning all its entries sorted by
// filename.
func ReadDir(name string) ([]DirEntry, error) {
	names, e := readDirNames(name)
	if e != 0 {
		return []DirEntry{}, &PathError{Op: "open", Path: name, Err: errno(e)}
	}
	sortStrings(names)
	ents := make([]DirEntry, 0, len(names))
	for _, n := range names {
		_, mode, _, e := stat(name+"/"+n, false)
		if e == eNOENT {
			continue // removed since it was listed
		}
		ents = append(ents, &dirEntry{name, n, FileMode(mode).Type()})
	}
	return ents, nil
}

// sortStrings is an insertion sort (os must not import sort, which is
// above it); directories are small.
func sortStrings(a []string) {
	for i := 1; i < len(a); i++ {
		for j := i; j > 0 && a[j] < a[j-1]; j-- {
			a[j], a[j-1] = a[j-1], a[j]
		}
	}
}

func getwd() (string, int)
func chdir(dir string) int

// Getwd returns a rooted path name corresponding to the current directory.
func Getwd() (dir string, err error) {
	d, e := getwd()
	if e != 0 {
		return "", &SyscallError{"getwd", errno(e)}
	}
	return d, nil
}

// Chdir changes the current working directory to the named directory.
func Chdir(dir string) error {
	if e := chdir(dir); e != 0 {
		return &PathError{Op: "chdir", Path: dir, Err: errno(e)}
	}
	return nil
}

// TempDir returns the default directory for temporary files: $TMPDIR, or
// /tmp.
func TempDir() string {
	if dir := Getenv("TMPDIR"); dir != "" {
		return dir
	}
	return "/tmp"
}

// UserHomeDir returns the current user's home directory ($HOME).
func UserHomeDir() (string, error) {
	if v := Getenv("HOME"); v != "" {
		return v, nil
	}
	return "", errors.New("$HOME is not defined")
}

func tempRand() uint32

// nextRandom is the decimal text of a random number, as Go's temp names
// use.
func nextRandom() string { return itoa(int(tempRand())) }

// prefixAndSuffix splits pattern at its last "*".
func prefixAndSuffix(pattern string) (prefix, suffix string, err error) {
	for i := 0; i < len(pattern); i++ {
		if pattern[i] == '/' {
			return "", "", errors.New("pattern contains path separator")
		}
	}
	for i := len(pattern) - 1; i >= 0; i-- {
		if pattern[i] == '*' {
			return pattern[:i], pattern[i+1:], nil
		}
	}
	return pattern, "", nil
}

func joinDir(dir, name string) string {
	if len(dir) > 0 && dir[len(dir)-1] == '/' {
		return dir + name
	}
	return dir + "/" + name
}

// MkdirTemp creates a new, uniquely named directory in dir (TempDir() if
// empty) from pattern (the random part replacing its last "*") and
// returns its name.
func MkdirTemp(dir, pattern string) (string, error) {
	if dir == "" {
		dir = TempDir()
	}
	prefix, suffix, err := prefixAndSuffix(pattern)
	if err != nil {
		return "", &PathError{Op: "mkdirtemp", Path: pattern, Err: err}
	}
	prefix = joinDir(dir, prefix)
	for try := 0; ; try++ {
		name := prefix + nextRandom() + suffix
		e := mkdir(name, 0o700)
		if e == 0 {
			return name, nil
		}
		if e == eEXIST && try < 10000 {
			continue
		}
		return "", &PathError{Op: "mkdirtemp", Path: dir + "/" + pattern, Err: errno(e)}
	}
}

// CreateTemp creates a new temporary file in dir (TempDir() if empty),
// opened for reading and writing, named from pattern as MkdirTemp does.
func CreateTemp(dir, pattern string) (*File, error) {
	if dir == "" {
		dir = TempDir()
	}
	prefix, suffix, err := prefixAndSuffix(pattern)
	if err != nil {
		return nil, &PathError{Op: "createtemp", Path: pattern, Err: err}
	}
	prefix = joinDir(dir, prefix)
	for try := 0; ; try++ {
		name := prefix + nextRandom() + suffix
		fd := openFile(name, O_RDWR|O_CREATE|O_EXCL, 0o600)
		if fd >= 0 {
			return newFile(fd, name, kindOpenFile), nil
		}
		if -fd == eEXIST && try < 10000 {
			continue
		}
		return nil, &PathError{Op: "open", Path: name, Err: errno(-fd)}
	}
}

// DirFS returns a file system (an fs.FS) for the tree of files rooted at
// the directory dir.
func DirFS(dir string) fs.FS { return dirFS(dir) }

type dirFS string

func (dir dirFS) join(name string) (string, error) {
	if dir == "" {
		return "", errors.New("os: DirFS with empty root")
	}
	if !fs.ValidPath(name) {
		return "", ErrInvalid
	}
	return string(dir) + "/" + name, nil
}

func (dir dirFS) Open(name string) (fs.File, error) {
	fullname, err := dir.join(name)
	if err != nil {
		return nil, &PathError{Op: "open", Path: name, Err: err}
	}
	f, err := Open(fullname)
	if err != nil {
		// Report the slash-separated name the caller used.
		err.(*PathError).Path = name
		return nil, err
	}
	return f, nil
}

func (dir dirFS) ReadFile(name string) ([]byte, error) {
	fullname, err := dir.join(name)
	if err != nil {
		return nil, &PathError{Op: "readfile", Path: name, Err: err}
	}
	b, err := ReadFile(fullname)
	if err != nil {
		if e, ok := err.(*PathError); ok {
			e.Path = name
		}
		return nil, err
	}
	return b, nil
}

func (dir dirFS) ReadDir(name string) ([]DirEntry, error) {
	fullname, err := dir.join(name)
	if err != nil {
		return nil, &PathError{Op: "readdir", Path: name, Err: err}
	}
	entries, err := ReadDir(fullname)
	if err != nil {
		if e, ok := err.(*PathError); ok {
			e.Path = name
		}
		return nil, err
	}
	return entries, nil
}

func (dir dirFS) Stat(name string) (fs.FileInfo, error) {
	fullname, err := dir.join(name)
	if err != nil {
		return nil, &PathError{Op: "stat", Path: name, Err: err}
	}
	f, err := Stat(fullname)
	if err != nil {
		err.(*PathError).Path = name
		return nil, err
	}
	return f, nil
}

// Getpagesize returns the underlying system's memory page size.
func Getpagesize() int { return 4096 }

// IsPathSeparator reports whether c is a directory separator character.
func IsPathSeparator(c uint8) bool { return c == PathSeparator }

// ---- descriptors on the poller ----
//
// A File on a pipe, terminal or socket that csp opened (or that was handed
// in already non-blocking) is non-blocking and registered with the
// runtime's poller: a Read or Write that would block parks the goroutine,
// not the thread (Go's internal/poll). Regular files keep blocking calls.

// How a File came to be (Go's newFileKind).
const (
	kindNewFile  = 0 // NewFile, the standard streams: polled only if already non-blocking
	kindOpenFile = 1 // OpenFile: polled unless a regular file or directory
	kindPipe     = 2 // Pipe
)

func pollOpen(fd int, kind int) bool
func pollClose(fd int)
func pollWait(fd int, mode int) int
func setBlocking(fd int)
func readNB(fd int, b []byte) int
func writeNB(fd int, b []byte) int

const eAGAIN = 11

func newFile(fd int, name string, kind int) *File {
	return &File{fd: fd, name: name, pollable: pollOpen(fd, kind)}
}

// NewFile returns a new File with the given file descriptor and name, or
// nil if fd is not a valid descriptor number.
func NewFile(fd uintptr, name string) *File {
	if int(fd) < 0 {
		return nil
	}
	return newFile(int(fd), name, kindNewFile)
}

// pollRead reads from a polled descriptor, parking on EAGAIN.
func (f *File) pollRead(b []byte) (int, error) {
	for {
		n := readNB(f.fd, b)
		if n == -eAGAIN {
			if pollWait(f.fd, 'r') != 0 || f.closed {
				return 0, &PathError{Op: "read", Path: f.name, Err: ErrClosed}
			}
			continue
		}
		if n == 0 {
			return 0, io.EOF
		}
		if n < 0 {
			return 0, &PathError{Op: "read", Path: f.name, Err: errno(-n)}
		}
		return n, nil
	}
}

// pollWrite writes all of b to a polled descriptor, parking on EAGAIN.
func (f *File) pollWrite(b []byte) (int, error) {
	n := 0
	for n < len(b) {
		m := writeNB(f.fd, b[n:])
		if m == -eAGAIN {
			if pollWait(f.fd, 'w') != 0 || f.closed {
				return n, &PathError{Op: "write", Path: f.name, Err: ErrClosed}
			}
			continue
		}
		if m < 0 {
			return n, &PathError{Op: "write", Path: f.name, Err: errno(-m)}
		}
		n += m
	}
	return n, nil
}

// ---- processes ----

// ErrProcessDone indicates a Process has finished.
var ErrProcessDone = errors.New("os: process already finished")

// ProcAttr holds the attributes that will be applied to a new process
// started by StartProcess.
type ProcAttr struct {
	// If Dir is non-empty, the child changes into the directory before
	// creating the process.
	Dir string
	// If Env is non-nil, it gives the environment variables for the new
	// process in the form returned by Environ; if nil, the result of
	// Environ is used.
	Env []string
	// Files specifies the open files inherited by the new process: the
	// first three are standard input, output and error; a nil entry is
	// closed in the child.
	Files []*File
}

// Process stores the information about a process created by
// StartProcess.
type Process struct {
	Pid    int
	handle int   // pidfd on the poller, -1 if none
	isdone int32 // set (atomically) once Wait has reaped it
}

func (p *Process) done() bool { return atomic.LoadInt32(&p.isdone) != 0 }

func startProcess(path string, argv []string, envv []string, dir string, fds []int) (pid int, pidfd int, e int)
func wait4NB(pid int) (done bool, status int, utime int64, stime int64, e int)
func kill(pid int, sig int) int

// StartProcess starts a new process with the program, arguments and
// attributes specified by name, argv and attr. The argv slice becomes
// os.Args in the new process, so it normally starts with the program name.
// It is a low-level interface; os/exec provides higher-level ones.
func StartProcess(name string, argv []string, attr *ProcAttr) (*Process, error) {
	if attr == nil {
		attr = &ProcAttr{}
	}
	// As Go: a missing directory is reported as a chdir error.
	if attr.Dir != "" {
		if _, err := Stat(attr.Dir); err != nil {
			pe := err.(*PathError)
			pe.Op = "chdir"
			return nil, pe
		}
	}
	env := attr.Env
	if env == nil {
		env = Environ()
	}
	fds := make([]int, len(attr.Files))
	for i, f := range attr.Files {
		if f == nil {
			fds[i] = -1
		} else {
			fds[i] = int(f.Fd())
		}
	}
	pid, pidfd, e := startProcess(name, argv, env, attr.Dir, fds)
	if e != 0 {
		return nil, &PathError{Op: "fork/exec", Path: name, Err: errno(e)}
	}
	return &Process{Pid: pid, handle: pidfd}, nil
}

// FindProcess looks for a running process by its pid. On Unix systems it
// always succeeds and returns a Process for the given pid, whether the
// process exists or not.
func FindProcess(pid int) (*Process, error) {
	return &Process{Pid: pid, handle: -1}, nil
}

// Wait waits for the Process to exit, and then returns a ProcessState
// describing its status and an error, if any. Only the calling goroutine
// waits: on the child's pidfd through the poller, or, when the kernel has
// no pidfd, by retrying with growing sleeps.
func (p *Process) Wait() (*ProcessState, error) {
	if p.Pid == -1 {
		return nil, syscall.EINVAL
	}
	backoff := 50 * time.Microsecond
	for {
		done, status, utime, stime, e := wait4NB(p.Pid)
		if e != 0 {
			return nil, NewSyscallError("waitid", errno(e))
		}
		if done {
			atomic.StoreInt32(&p.isdone, 1)
			p.closeHandle()
			return &ProcessState{pid: p.Pid, status: syscall.WaitStatus(status), utime: utime, stime: stime}, nil
		}
		if p.handle >= 0 {
			pollWait(p.handle, 'r')
			continue
		}
		time.Sleep(backoff)
		if backoff < 20*time.Millisecond {
			backoff *= 2
		}
	}
}

func (p *Process) closeHandle() {
	if h := p.handle; h >= 0 {
		p.handle = -1
		pollClose(h)
		closeFd(h)
	}
}

// Signal sends a signal to the Process.
func (p *Process) Signal(sig Signal) error {
	if p == nil {
		return errors.New("os: process not initialized")
	}
	if p.Pid == -1 {
		return errors.New("os: process already released")
	}
	if p.Pid == 0 {
		return errors.New("os: process not initialized")
	}
	if p.done() {
		return ErrProcessDone
	}
	s, ok := sig.(syscall.Signal)
	if !ok {
		return errors.New("os: unsupported signal type")
	}
	if e := kill(p.Pid, int(s)); e != 0 {
		if errno(e) == syscall.ESRCH {
			return ErrProcessDone
		}
		return errno(e)
	}
	return nil
}

// Kill causes the Process to exit immediately.
func (p *Process) Kill() error { return p.Signal(Kill) }

// Release releases any resources associated with the Process p, rendering
// it unusable in the future.
func (p *Process) Release() error {
	p.closeHandle()
	p.Pid = -1
	return nil
}

// ProcessState stores information about a process, as reported by Wait.
type ProcessState struct {
	pid    int
	status syscall.WaitStatus
	utime  int64
	stime  int64
}

// Pid returns the process id of the exited process.
func (p *ProcessState) Pid() int { return p.pid }

// Exited reports whether the program has exited.
func (p *ProcessState) Exited() bool { return p.status.Exited() }

// Success reports whether the program exited successfully.
func (p *ProcessState) Success() bool { return p.status.ExitStatus() == 0 }

// Sys returns the system-dependent exit information: a syscall.WaitStatus.
func (p *ProcessState) Sys() any { return p.status }

// UserTime returns the user CPU time of the exited process and its children.
func (p *ProcessState) UserTime() time.Duration { return time.Duration(p.utime) }

// SystemTime returns the system CPU time of the exited process and its children.
func (p *ProcessState) SystemTime() time.Duration { return time.Duration(p.stime) }

// ExitCode returns the exit code of the exited process, or -1 if the
// process hasn't exited or was terminated by a signal.
func (p *ProcessState) ExitCode() int {
	if p == nil {
		return -1
	}
	return p.status.ExitStatus()
}

func (p *ProcessState) String() string {
	if p == nil {
		return "<nil>"
	}
	status := p.status
	res := ""
	switch {
	case status.Exited():
		res = "exit status " + itoa(status.ExitStatus())
	case status.Signaled():
		res = "signal: " + status.Signal().String()
	case status.Stopped():
		res = "stop signal: " + status.StopSignal().String()
		if status.StopSignal() == syscall.SIGTRAP && status.TrapCause() != 0 {
			res += " (trap " + itoa(status.TrapCause()) + ")"
		}
	case status.Continued():
		res = "continued"
	}
	if status.CoreDump() {
		res += " (core dumped)"
	}
	return res
}

func itoa(v int) string {
	if v < 0 {
		return "-" + itoa(-v)
	}
	var b [20]byte
	i := len(b)
	for {
		i--
		b[i] = byte('0' + v%10)
		v /= 10
		if v == 0 {
			break
		}
	}
	return string(b[i:])
}
