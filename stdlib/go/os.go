package os

import (
	"errors"
	"io"
)

// File is an open file descriptor (the standard streams, or a file opened
// for reading).
type File struct {
	fd   int
	name string
}

var (
	Stdin  = &File{0, "/dev/stdin"}
	Stdout = &File{1, "/dev/stdout"}
	Stderr = &File{2, "/dev/stderr"}
)

func runtimeArgs() []string

// Args hold the command-line arguments, starting with the program name.
var Args []string = runtimeArgs()

func write(fd int, b []byte) int
func writeString(fd int, s string) int
func read(fd int, b []byte) int

// ErrClosed is returned for operations on a closed file.
var ErrClosed = errors.New("file already closed")

// Write writes len(b) bytes from b to the File.
func (f *File) Write(b []byte) (n int, err error) {
	if f == nil {
		return 0, errors.New("invalid argument")
	}
	n = write(f.fd, b)
	if n < 0 {
		return 0, ErrClosed
	}
	return n, nil
}

// WriteString is like Write, but writes the contents of string s.
func (f *File) WriteString(s string) (n int, err error) {
	if f == nil {
		return 0, errors.New("invalid argument")
	}
	n = writeString(f.fd, s)
	if n < 0 {
		return 0, ErrClosed
	}
	return n, nil
}

// Read reads up to len(b) bytes from the File; at end of file it returns
// 0, io.EOF.
func (f *File) Read(b []byte) (n int, err error) {
	if f == nil {
		return 0, errors.New("invalid argument")
	}
	if len(b) == 0 {
		return 0, nil
	}
	n = read(f.fd, b)
	if n == 0 {
		return 0, io.EOF
	}
	if n < 0 {
		return 0, ErrClosed
	}
	return n, nil
}

func closeFd(fd int) int

// Close closes the File.
func (f *File) Close() error {
	if f == nil {
		return errors.New("invalid argument")
	}
	if f.fd > 2 && closeFd(f.fd) < 0 {
		return ErrClosed
	}
	return nil
}

// Name returns the name of the file as presented to Open.
func (f *File) Name() string { return f.name }

// Fd returns the integer Unix file descriptor.
func (f *File) Fd() uintptr { return uintptr(f.fd) }

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

func Setenv(key, value string) error {
	if !setenv(key, value) {
		return errors.New("setenv: invalid argument")
	}
	return nil
}

func setenv(key, value string) bool

// Hostname returns the host name reported by the kernel.
func Hostname() (name string, err error) {
	return hostname(), nil
}

func hostname() string

func Getpid() int

// PathError records an error and the operation and file path that caused it.
type PathError struct {
	Op   string
	Path string
	Err  error
}

func (e *PathError) Error() string { return e.Op + " " + e.Path + ": " + e.Err.Error() }

func (e *PathError) Unwrap() error { return e.Err }

// ErrNotExist is the error for a missing file.
var ErrNotExist = errors.New("file does not exist")

// readFile returns the file's bytes, or an error text and where it
// happened (1: open, file missing; 2: open; 3: read).
func readFile(name string) ([]byte, string, int)

// ReadFile reads the named file and returns the contents.
func ReadFile(name string) ([]byte, error) {
	b, msg, where := readFile(name)
	switch where {
	case 1:
		return nil, &PathError{"open", name, errNoEnt{msg}}
	case 2:
		return nil, &PathError{"open", name, errors.New(msg)}
	case 3:
		return nil, &PathError{"read", name, errors.New(msg)}
	}
	return b, nil
}

type errNoEnt struct{ s string }

func (e errNoEnt) Error() string { return e.s }

func (e errNoEnt) Is(target error) bool { return target == ErrNotExist }

func writeFile(name string, data []byte, perm int) string

// WriteFile writes data to the named file, creating it if necessary.
func WriteFile(name string, data []byte, perm FileMode) error {
	if msg := writeFile(name, data, int(perm)); msg != "" {
		return &PathError{"open", name, errors.New(msg)}
	}
	return nil
}

// A FileMode represents a file's mode and permission bits.
type FileMode uint32

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

// openFile returns a descriptor, or -1 with an error text and whether the
// file was missing.
func openFile(name string, flag int, perm int) (int, string, bool)

// OpenFile is the generalized open call.
func OpenFile(name string, flag int, perm FileMode) (*File, error) {
	fd, msg, notExist := openFile(name, flag, int(perm))
	if fd < 0 {
		if notExist {
			return nil, &PathError{"open", name, errNoEnt{msg}}
		}
		return nil, &PathError{"open", name, errors.New(msg)}
	}
	return &File{fd, name}, nil
}

// Open opens the named file for reading.
func Open(name string) (*File, error) { return OpenFile(name, O_RDONLY, 0) }

// Create creates or truncates the named file.
func Create(name string) (*File, error) {
	return OpenFile(name, O_RDWR|O_CREATE|O_TRUNC, 0666)
}

func removeFile(name string) string

// Remove removes the named file or (empty) directory.
func Remove(name string) error {
	if msg := removeFile(name); msg != "" {
		return &PathError{"remove", name, errors.New(msg)}
	}
	return nil
}

func pipe() (r int, w int, msg string)

// Pipe returns a connected pair of Files; reads from r return bytes
// written to w.
func Pipe() (r *File, w *File, err error) {
	rfd, wfd, msg := pipe()
	if msg != "" {
		return nil, nil, &SyscallError{"pipe2", errors.New(msg)}
	}
	return &File{rfd, "|0"}, &File{wfd, "|1"}, nil
}

// SyscallError records an error from a specific system call.
type SyscallError struct {
	Syscall string
	Err     error
}

func (e *SyscallError) Error() string { return e.Syscall + ": " + e.Err.Error() }

func (e *SyscallError) Unwrap() error { return e.Err }
