/* opcodes.h — every bytecode instruction, once.
 *
 * Expanded by the VM (runtime/vm.c: enum + dispatch table), the compiler
 * (lang/compile*.c: emitters check operand counts against the format) and
 * the disassembler (lang/disasm.c). Nothing else defines an opcode.
 *
 * Instruction format: a sequence of 32-bit words. The first word is the
 * opcode; each following word is one operand, as the format string says:
 *
 *     +--------+--------+--------+-----+
 *     | opcode |   A    |   B    | ... |      one uint32_t word each
 *     +--------+--------+--------+-----+
 *
 *   r  a register: slot index relative to the frame's base
 *   o  an optional register: -1 when absent
 *   k  a constant: index into the Func's constant table (Slot[])
 *   i  a signed immediate
 *   j  a jump target: absolute index into the Func's code
 *   p  half of a pointer pre-decoded from the constant before it (low
 *      word, then high word): the VM reads it from the instruction instead
 *      of through the constant table (one dependent load less); the
 *      disassembler does not print it
 *
 * Registers are untagged 8-byte Slots; a value of type T spans
 * type_slots(T) consecutive registers laid out as in memory. Memory
 * accesses carry a width code W (see vm_load/vm_store in vm.c):
 *   W < 0           signed load of -W bytes (sign-extended)
 *   W in {1,2,4,8}  unsigned load (zero-extended)
 *   otherwise       a copy of W bytes (strings, structs, arrays ...)
 *
 * Each X(name, format, meaning) below is one instruction.
 */
#ifndef CSP_OPCODES_H
#define CSP_OPCODES_H

#define OPCODES(X)                                                                  \
    X(NOP, "", "do nothing")                                                        \
    /* moves and constants */                                                       \
    X(MOV, "rr", "R[A] := R[B]")                                                    \
    X(MOV2, "rrrr", "R[A] := R[B]; then R[C] := R[D] (two MOVs)")                  \
    X(MOVN, "rri", "R[A..A+C) := R[B..B+C)")                                        \
    X(LOADK, "rk", "R[A] := K[B]")                                                  \
    X(LOADKN, "rki", "R[A..A+C) := K[B..B+C)")                                      \
    X(LOADI, "ri", "R[A].i := B")                                                   \
    X(ZERO, "ri", "R[A..A+B) := 0")                                                 \
    X(GLOBAL, "ri", "R[A].p := address of global B")                                \
    X(GETUP, "ri", "R[A] := capture B of the running closure")                      \
    X(NEW, "rk", "R[A].p := new zeroed value of type K[B]")                         \
    X(CLOSURE, "rkri", "R[A].p := closure of K[B] capturing R[C..C+D)")             \
    /* memory */                                                                    \
    X(LOAD, "rrii", "R[A..] := *(R[B].p + C), width D (nil check)")                 \
    X(STORE, "riri", "*(R[A].p + B) := R[C..], width D (nil check)")                \
    X(RLOAD, "rrii", "R[A..] := bytes of R[B..] at offset C, width D")              \
    X(RSTORE, "riri", "bytes of R[A..] at offset B := R[C..], width D")             \
    X(ADDR, "rri", "R[A].p := R[B].p + C (nil check)")                              \
    X(LOAD64, "rri", "R[A] := 8 bytes at R[B].p + C (nil check)")                   \
    X(STORE64, "rir", "8 bytes at R[A].p + B := R[C] (nil check)")                  \
    X(SLOAD64, "rrr", "R[A] := slice R[B..][R[C]] of 8-byte elements")              \
    X(SSTORE64, "rrr", "slice R[A..][R[B]] := R[C] (8-byte elements)")              \
    X(SLOAD8, "rrr", "R[A] := slice R[B..][R[C]] of bytes, zero-extended")           \
    X(SSTORE8, "rrr", "slice R[A..][R[B]] := low byte of R[C] (1-byte elements)")    \
    X(NILCHK, "r", "panic if R[A].p is nil")                                        \
    /* integer arithmetic (64-bit; the compiler narrows with NORM) */               \
    X(ADD, "rrr", "R[A].i := R[B].i + R[C].i")                                      \
    X(SUB, "rrr", "R[A].i := R[B].i - R[C].i")                                      \
    X(MUL, "rrr", "R[A].i := R[B].i * R[C].i")                                      \
    X(DIV, "rrr", "R[A].i := R[B].i / R[C].i (signed, zero check)")                 \
    X(DIVU, "rrr", "R[A].u := R[B].u / R[C].u (zero check)")                        \
    X(REM, "rrr", "R[A].i := R[B].i % R[C].i (signed, zero check)")                 \
    X(REMU, "rrr", "R[A].u := R[B].u % R[C].u (zero check)")                        \
    X(AND, "rrr", "R[A] := R[B] & R[C]")                                            \
    X(OR, "rrr", "R[A] := R[B] | R[C]")                                             \
    X(XOR, "rrr", "R[A] := R[B] ^ R[C]")                                            \
    X(ANDNOT, "rrr", "R[A] := R[B] &^ R[C]")                                        \
    X(SHL, "rrr", "R[A] := R[B] << R[C] (0 when C >= 64)")                          \
    X(SHR, "rrr", "R[A].i := R[B].i >> R[C] (arithmetic)")                          \
    X(SHRU, "rrr", "R[A].u := R[B].u >> R[C] (logical)")                            \
    X(ADDI, "rri", "R[A].i := R[B].i + C")                                          \
    X(MULI, "rri", "R[A].i := R[B].i * C")                                          \
    X(DIVI, "rri", "R[A].i := R[B].i / C (C != 0)")                                 \
    X(REMI, "rri", "R[A].i := R[B].i % C (C != 0)")                                 \
    X(DIVPI, "rri", "R[A].i := R[B].i / 2^C, truncated (1 <= C <= 62)")            \
    X(REMPI, "rri", "R[A].i := R[B].i % 2^C, the dividend's sign (1 <= C <= 62)")  \
    X(DIVUI, "rri", "R[A].u := R[B].u / C (C > 0)")                                 \
    X(REMUI, "rri", "R[A].u := R[B].u % C (C > 0)")                                 \
    X(ANDI, "rri", "R[A] := R[B] & C")                                              \
    X(ORI, "rri", "R[A] := R[B] | C")                                               \
    X(XORI, "rri", "R[A] := R[B] ^ C")                                              \
    X(SHLI, "rri", "R[A] := R[B] << C (C >= 0)")                                    \
    X(SHRI, "rri", "R[A].i := R[B].i >> C (C >= 0)")                                \
    X(SHRUI, "rri", "R[A].u := R[B].u >> C (C >= 0)")                               \
    /* multiply-add (x*y + z, z - x*y, x op= y*z): the product is not kept \
     * in a register; for floats it is rounded before the add, as Go does  \
     * on amd64 (never a fused multiply-add) */                             \
    X(MADD, "rrrr", "R[A].i := R[B].i * R[C].i + R[D].i")                           \
    X(MSUB, "rrrr", "R[A].i := R[D].i - R[B].i * R[C].i")                           \
    X(NEG, "rr", "R[A].i := -R[B].i")                                               \
    X(BNOT, "rr", "R[A] := ^R[B]")                                                  \
    X(NOT, "rr", "R[A] := !R[B] (bool)")                                            \
    X(NORM, "rri", "R[A] := R[B] narrowed to integer kind C (Go wrap-around)")      \
    X(CHKSHIFT, "r", "panic if the signed shift count R[A] is negative")            \
    /* floating point */                                                            \
    X(ADDF, "rrr", "R[A].f := R[B].f + R[C].f")                                     \
    X(SUBF, "rrr", "R[A].f := R[B].f - R[C].f")                                     \
    X(MULF, "rrr", "R[A].f := R[B].f * R[C].f")                                     \
    X(DIVF, "rrr", "R[A].f := R[B].f / R[C].f")                                     \
    X(MADDF, "rrrr", "R[A].f := R[B].f * R[C].f + R[D].f")                          \
    X(MSUBF, "rrrr", "R[A].f := R[D].f - R[B].f * R[C].f")                          \
    /* float64 with a constant operand (no LOADK of the constant) */       \
    X(ADDFK, "rrk", "R[A].f := R[B].f + K[C].f")                                   \
    X(SUBFK, "rrk", "R[A].f := R[B].f - K[C].f")                                   \
    X(MULFK, "rrk", "R[A].f := R[B].f * K[C].f")                                   \
    X(DIVFK, "rrk", "R[A].f := R[B].f / K[C].f")                                   \
    X(SUBKF, "rrk", "R[A].f := K[C].f - R[B].f")                                   \
    X(DIVKF, "rrk", "R[A].f := K[C].f / R[B].f")                                   \
    X(I2F, "rr", "R[A].f := float64(R[B].i)")                                      \
    X(NEGF, "rr", "R[A].f := -R[B].f")                                              \
    X(ADDF32, "rrr", "R[A].f32 := R[B].f32 + R[C].f32")                             \
    X(SUBF32, "rrr", "R[A].f32 := R[B].f32 - R[C].f32")                             \
    X(MULF32, "rrr", "R[A].f32 := R[B].f32 * R[C].f32")                             \
    X(DIVF32, "rrr", "R[A].f32 := R[B].f32 / R[C].f32")                             \
    X(NEGF32, "rr", "R[A].f32 := -R[B].f32")                                        \
    X(FMATH, "rri", "R[A].f := math function C of R[B].f (see FmathCode)")         \
    /* complex128: two slots, real part then imaginary part */                      \
    X(ADDC, "rrr", "R[A..A+2) := R[B..B+2) + R[C..C+2)")                            \
    X(SUBC, "rrr", "R[A..A+2) := R[B..B+2) - R[C..C+2)")                            \
    X(MULC, "rrr", "R[A..A+2) := R[B..B+2) * R[C..C+2) (Go's formula, no FMA)")     \
    X(DIVC, "rrr", "R[A..A+2) := R[B..B+2) / R[C..C+2) (Go's complex128div)")       \
    X(MADDC, "rrrr", "R[A..A+2) := R[B..B+2) * R[C..C+2) + R[D..D+2) (as MULC, ADDC)") \
    X(MSUBC, "rrrr", "R[A..A+2) := R[D..D+2) - R[B..B+2) * R[C..C+2) (as MULC, SUBC)") \
    X(NEGC, "rr", "R[A..A+2) := -R[B..B+2)")                                        \
    X(MKC, "rrr", "R[A..A+2) := complex(R[B].f, R[C].f)")                           \
    X(EQC, "rrr", "R[A] := R[B..B+2) == R[C..C+2)")                                 \
    X(NEC, "rrr", "R[A] := R[B..B+2) != R[C..C+2)")                                 \
    /* complex64: one slot, float32 real part in its low half */                    \
    X(CPLX64, "rrri", "R[A..] := complex64 operation D of R[B..], R[C..] (C64Code)") \
    X(MINF, "rrr", "R[A].f := min(R[B].f, R[C].f) (NaN wins, -0 < +0)")             \
    X(MAXF, "rrr", "R[A].f := max(R[B].f, R[C].f) (NaN wins, +0 > -0)")             \
    X(MINF32, "rrr", "R[A].f32 := min(R[B].f32, R[C].f32)")                         \
    X(MAXF32, "rrr", "R[A].f32 := max(R[B].f32, R[C].f32)")                         \
    /* comparisons: R[A] := bool */                                                 \
    X(EQ, "rrr", "R[A] := R[B] == R[C] (64-bit)")                                   \
    X(NE, "rrr", "R[A] := R[B] != R[C]")                                            \
    X(LT, "rrr", "R[A] := R[B].i < R[C].i")                                         \
    X(LE, "rrr", "R[A] := R[B].i <= R[C].i")                                        \
    X(LTU, "rrr", "R[A] := R[B].u < R[C].u")                                        \
    X(LEU, "rrr", "R[A] := R[B].u <= R[C].u")                                       \
    X(EQF, "rrr", "R[A] := R[B].f == R[C].f")                                       \
    X(NEF, "rrr", "R[A] := R[B].f != R[C].f")                                       \
    X(LTF, "rrr", "R[A] := R[B].f < R[C].f")                                        \
    X(LEF, "rrr", "R[A] := R[B].f <= R[C].f")                                       \
    X(EQF32, "rrr", "R[A] := R[B].f32 == R[C].f32")                                 \
    X(NEF32, "rrr", "R[A] := R[B].f32 != R[C].f32")                                 \
    X(LTF32, "rrr", "R[A] := R[B].f32 < R[C].f32")                                  \
    X(LEF32, "rrr", "R[A] := R[B].f32 <= R[C].f32")                                 \
    X(EQS, "rrr", "R[A] := string R[B..] == string R[C..]")                         \
    X(NES, "rrr", "R[A] := string R[B..] != string R[C..]")                         \
    X(LTS, "rrr", "R[A] := string R[B..] < string R[C..]")                          \
    X(LES, "rrr", "R[A] := string R[B..] <= string R[C..]")                         \
    X(EQV, "rrrk", "R[A] := value R[B..] == value R[C..] of type K[D]")             \
    X(EQI, "rrr", "R[A] := interface R[B..] == interface R[C..] (may panic)")       \
    /* conversions */                                                               \
    X(CVT, "rri", "R[A..] := R[B..] converted by code C (see CvtCode)")             \
    /* control */                                                                   \
    X(JMP, "j", "jump to A")                                                        \
    X(JT, "rj", "if R[A] jump to B")                                                \
    X(JF, "rj", "if !R[A] jump to B")                                               \
    X(JLT, "rrj", "if R[A].i < R[B].i jump to C")                                   \
    X(JLE, "rrj", "if R[A].i <= R[B].i jump to C")                                  \
    X(JLTU, "rrj", "if R[A].u < R[B].u jump to C")                                  \
    X(JLEU, "rrj", "if R[A].u <= R[B].u jump to C")                                 \
    X(JEQ, "rrj", "if R[A] == R[B] (64-bit) jump to C")                             \
    X(JNE, "rrj", "if R[A] != R[B] (64-bit) jump to C")                             \
    X(JLTF, "rrj", "if R[A].f < R[B].f jump to C")                                  \
    X(JLEF, "rrj", "if R[A].f <= R[B].f jump to C")                                 \
    X(JNLTF, "rrj", "if !(R[A].f < R[B].f) jump to C (NaN jumps)")                  \
    X(JNLEF, "rrj", "if !(R[A].f <= R[B].f) jump to C (NaN jumps)")                 \
    X(JLTI, "rij", "if R[A].i < B jump to C")                                       \
    X(JLEI, "rij", "if R[A].i <= B jump to C")                                      \
    X(JGTI, "rij", "if R[A].i > B jump to C")                                       \
    X(JGEI, "rij", "if R[A].i >= B jump to C")                                      \
    X(JEQI, "rij", "if R[A].i == B jump to C")                                      \
    X(JNEI, "rij", "if R[A].i != B jump to C")                                      \
    /* loop back-edges: the post statement's i += k fused with the test */     \
    X(INCJLTI, "riij", "R[A].i += B; if R[A].i < C jump to D")                      \
    X(INCJLEI, "riij", "R[A].i += B; if R[A].i <= C jump to D")                     \
    X(INCJGTI, "riij", "R[A].i += B; if R[A].i > C jump to D")                      \
    X(INCJGEI, "riij", "R[A].i += B; if R[A].i >= C jump to D")                     \
    X(INCJLT, "rirj", "R[A].i += B; if R[A].i < R[C].i jump to D")                  \
    X(INCJLE, "rirj", "R[A].i += B; if R[A].i <= R[C].i jump to D")                 \
    X(CALL, "rkipp", "call K[B] (also D,E) with C argument slots at R[A..]; results at R[A..]") \
    X(CALLC, "rri", "call closure R[B] with C argument slots at R[A..]")            \
    X(CALLI, "rrki", "call method K[C] of interface R[B..], args R[A+1..A+D)")      \
    X(RET, "", "run deferred calls, return the result registers")                   \
    X(RET1, "r", "RET with R[A] as the only result (one slot)")                     \
    X(GO, "rri", "go closure R[B] with C argument slots at R[A..]")                 \
    X(DEFER, "rri", "defer closure R[B] with C argument slots at R[A..]")           \
    X(PANIC, "r", "panic with interface R[A..]")                                    \
    X(RECOVER, "r", "R[A..A+2) := recover()")                                       \
    X(METHVAL, "rrk", "R[A].p := K[C] bound to the receiver at R[B..]")             \
    X(IMETHVAL, "rrk", "R[A].p := method K[C] of interface R[B..] as a value")      \
    /* channels */                                                                  \
    X(MKCHAN, "rkr", "R[A].p := make(chan K[B], R[C])")                             \
    X(SEND, "rr", "R[A] <- R[B..]")                                                 \
    X(RECV, "oro", "R[A..] := <-R[B]; R[C] := ok")                                 \
    X(CLOSE, "r", "close(R[A])")                                                    \
    X(CHANLEN, "rr", "R[A] := len(chan R[B])")                                      \
    X(CHANCAP, "rr", "R[A] := cap(chan R[B])")                                      \
    X(SCASE, "rroi", "select case R[A..A+3): chan R[B], value/dest R[C], send D")   \
    X(SELECT, "rirri", "R[C] := select over B cases at R[A..]; R[D] := ok; E block") \
    /* slices, arrays, strings */                                                   \
    X(IDXADDR, "rrri", "R[A].p := &slice R[B..][R[C]], element size D")            \
    X(IDXADDRA, "rrrii", "R[A].p := &(*[E]T)R[B][R[C]], element size D")            \
    X(IDXLOADA, "rrrii", "R[A] := (*[E]T)R[B][R[C]], a scalar of width D (IDXADDRA + LOAD)") \
    X(SIDX, "rrr", "R[A] := byte R[C] of string R[B..]")                            \
    X(SLICE, "rroooii", "R[A..] := R[B..B+3)[R[C]:R[D]:R[E]] elem size F; G mode")   \
    X(MKSLICE, "rkrr", "R[A..A+3) := make([]K[B], R[C], R[D])")                     \
    X(APPEND, "rrrk", "R[A..A+3) := append(R[B..], element R[C..]) type K[D]")      \
    X(APPENDS, "rrrk", "R[A..A+3) := append(R[B..], R[C..]...) elem type K[D]")     \
    X(COPY, "rrri", "R[A] := copy(R[B..], R[C..]) element size D")                  \
    X(CONCAT, "rrr", "R[A..] := string R[B..] + string R[C..]")                     \
    X(DECODE, "rrrr", "R[A] := rune of string R[C..] at R[D]; R[B] := its width")   \
    X(SL2ARR, "rri", "R[A].p := R[B].p after checking len(slice R[B..]) >= C")      \
    X(CLEARSL, "rk", "zero the elements of slice R[A..] of type K[B]")              \
    /* maps */                                                                      \
    X(MKMAP, "rkr", "R[A].p := make(K[B], R[C])")                                   \
    X(MAPGET, "rrrko", "R[A..] := R[B][R[C..]] (map type K[D]); R[E] := ok")       \
    X(MAPSET, "rrrk", "R[A][R[B..]] := R[C..] (map type K[D])")                     \
    X(MAPREF, "rrrki", "R[A].p := &R[B][R[C..]], a zero value inserted when absent (map type K[D]; E: the key is a borrowed string, copied if inserted)") \
    X(MAPDEL, "rrk", "delete(R[A], R[B..]) (map type K[C])")                        \
    X(MAPLEN, "rr", "R[A] := len(map R[B])")                                        \
    X(MAPCLEAR, "r", "clear(map R[A])")                                             \
    X(MAPITER, "rr", "R[A..A+4) := iterator over map R[B]")                         \
    X(MAPNEXT, "rookj", "next entry of R[A..]: key R[B..], value R[C..] (K[D]); end: jump E") \
    /* interfaces */                                                                \
    X(MKIFACE, "rrk", "R[A..A+2) := interface holding R[B..] of type K[C]")         \
    X(ASSERT, "rrko", "R[A..] := R[B..].(K[C]); R[D] := ok (no panic when present)") \
    X(TYPEIS, "rrk", "R[A] := R[B..] holds type K[C] (or implements it)")           \
    /* builtins */                                                                  \
    X(PRINT, "rk", "print R[A..] of type K[B] to standard error (print)")           \
    X(PRINTSP, "", "print a space to standard error")                               \
    X(PRINTNL, "", "print a newline to standard error")

/* Conversion codes of CVT. */
#define CVT_CODES(X)                                                          \
    X(I2F, "signed integer to float64")                                       \
    X(U2F, "unsigned integer to float64")                                     \
    X(F2I, "float64 to signed integer")                                       \
    X(F2U, "float64 to unsigned integer")                                     \
    X(I2F32, "signed integer to float32")                                     \
    X(U2F32, "unsigned integer to float32")                                   \
    X(F322I, "float32 to signed integer")                                     \
    X(F322U, "float32 to unsigned integer")                                   \
    X(F2F32, "float64 to float32")                                            \
    X(F322F, "float32 to float64")                                            \
    X(RUNE2S, "rune to string")                                               \
    X(BYTES2S, "[]byte to string")                                            \
    X(BYTES2STMP, "[]byte to a string sharing its bytes: only a map key looked up at once") \
    X(S2BYTES, "string to []byte")                                            \
    X(RUNES2S, "[]rune to string")                                            \
    X(S2RUNES, "string to []rune")                                            \
    X(F2I32, "float64 to a signed integer of 4 bytes or less, or uint8/16")  \
    X(F322I32, "float32 to a signed integer of 4 bytes or less, or uint8/16")

typedef enum {
#define X(n, f, d) OP_##n,
    OPCODES(X)
#undef X
        OP__COUNT
} Opcode;

/* Functions of package math that FMATH computes inline instead of a call
 * to their native (pure float64 -> float64, same results as the native's
 * C library call): code, Go name. */
#define FMATH_CODES(X)                                                        \
    X(SQRT, "Sqrt")                                                           \
    X(ABS, "Abs")                                                             \
    X(FLOOR, "Floor")                                                         \
    X(CEIL, "Ceil")                                                           \
    X(TRUNC, "Trunc")

typedef enum {
#define X(n, g) FMATH_##n,
    FMATH_CODES(X)
#undef X
        FMATH__COUNT
} FmathCode;

/* Operations of CPLX64 (complex64 arithmetic is rare enough for one
 * opcode): code, meaning. Products and quotients are computed in
 * complex128 and rounded back, as Go does. */
#define C64_CODES(X)                                                          \
    X(ADD, "R[A] := R[B] + R[C]")                                             \
    X(SUB, "R[A] := R[B] - R[C]")                                             \
    X(MUL, "R[A] := R[B] * R[C]")                                             \
    X(DIV, "R[A] := R[B] / R[C]")                                             \
    X(NEG, "R[A] := -R[B]")                                                   \
    X(EQ, "R[A] := R[B] == R[C] (a bool)")                                    \
    X(NE, "R[A] := R[B] != R[C] (a bool)")                                    \
    X(MAKE, "R[A] := complex(R[B].f32, R[C].f32)")                            \
    X(REAL, "R[A].f32 := real(R[B])")                                         \
    X(IMAG, "R[A].f32 := imag(R[B])")                                         \
    X(TO128, "R[A..A+2) := complex128(R[B])")                                 \
    X(FROM128, "R[A] := complex64(R[B..B+2))")

typedef enum {
#define X(n, d) C64_##n,
    C64_CODES(X)
#undef X
        C64__COUNT
} C64Code;

typedef enum {
#define X(n, d) CVT_##n,
    CVT_CODES(X)
#undef X
        CVT__COUNT
} CvtCode;

/* SLICE modes. */
enum { SLICE_SLICE = 0, SLICE_STRING = 1, SLICE_ARRAY = 2 };

#endif
