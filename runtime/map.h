/* map.h — Go maps (runtime/map.c): hash tables keyed by any comparable
 * type, hashed and compared through the key's type descriptor
 * (value_hash/value_equal in value.h).
 *
 * Iteration order is deliberately randomised (a random starting point per
 * iteration), as Go's is, so no program can rely on it. Deleting entries
 * during an iteration is allowed (deleted entries not yet reached are not
 * produced); entries added during an iteration may or may not be produced.
 * A Map is not safe for concurrent use, as in Go.
 */
#ifndef CSP_MAP_H
#define CSP_MAP_H

#include <stdbool.h>
#include <stdint.h>

#include "type.h"

typedef struct Map Map;

/* A new map of the MAP type `maptype`, sized for `hint` entries. */
Map *map_make(const Type *maptype, int64_t hint);
/* Pointer to the value stored under *key, or NULL when absent (m may be
 * NULL: a nil map reads as empty). Sets *unhashable (when not NULL) if the
 * key is an interface holding an uncomparable type: the caller panics with
 * "runtime error: hash of unhashable type T". */
void *map_access(Map *m, const void *key, bool *unhashable);
/* Pointer to the value slot for *key, inserting a zeroed value when
 * absent. m must not be NULL (the VM panics "assignment to entry in nil
 * map" first). */
void *map_assign(Map *m, const void *key, bool *unhashable);
/* The same for a string key whose bytes are borrowed (string(b) of a
 * []byte b the program may change later, which Go looks up without a
 * copy): they are copied when the key is inserted. */
void *map_assign_borrowed(Map *m, const void *key, bool *unhashable);
void map_delete(Map *m, const void *key);
int64_t map_len(const Map *m); /* nil: 0 */
void map_clear(Map *m);

/* Iteration state; lives in the iterating frame's registers, so its size is
 * fixed: MAP_ITER_SLOTS slots. */
#define MAP_ITER_SLOTS 4
typedef struct MapIter {
    Map *m;
    int64_t start; /* random starting bucket */
    int64_t pos;   /* buckets visited */
    int64_t sub;   /* position inside a bucket/the entry array */
} MapIter;
/* What detects a race on a map calls to end the program as Go's fatal
 * error does (message without "fatal error: "). Unset, the message is
 * printed and the process exits with status 2. A hook that returns from a
 * reader's detection lets the read go on as an undetected race would;
 * from a writer's, the process exits all the same. */
typedef void (*MapFatalHook)(const char *msg);
void map_set_fatal_hook(MapFatalHook hook);

void map_iter_init(Map *m, MapIter *it);
/* Advances; returns false at the end, else points *key and *val at the
 * current entry. */
bool map_iter_next(MapIter *it, void **key, void **val);

#endif
