/* errors.c — package errors: New, Unwrap, Is, As, Join.
 *
 * Written in Go except the two questions Go answers with reflection
 * (is a dynamic type comparable; may an error be stored into *target),
 * which are natives over type descriptors. Must never allocate errors in C.
 */
#include "native.h"

/* The package's Go source, stdlib/go/errors.go, as errors_source. */
#include "stdlib/errors_go.h"

/* isComparable(err error) bool */
static NativeStatus errors_is_comparable(NativeCtx *ctx, Slot *args, Slot *res)
{
    Iface e = nat_iface(args);
    res[0].u = e.type == NULL || e.type->comparable;
    return NATIVE_OK;
}

/* Whether a value of dynamic type dyn may be stored in a variable of type
 * t: the same type, or an interface t whose methods dyn has. */
static bool errors_assignable(const Type *dyn, const Type *t)
{
    if (dyn == t)
        return true;
    return t->kind == KIND_INTERFACE && vm_implements(dyn, t);
}

/* checkTarget(target any) */
static NativeStatus errors_check_target(NativeCtx *ctx, Slot *args, Slot *res)
{
    Iface t = nat_iface(args);
    if (t.type->kind != KIND_POINTER || t.word.p == NULL)
        return native_panic_string(ctx, "errors: target must be a non-nil pointer");
    const Type *e = t.type->elem;
    if (e->kind != KIND_INTERFACE && !errors_assignable(e, type_error))
        return native_panic_string(ctx, "errors: *target must be interface or implement error");
    return NATIVE_OK;
}

/* assignTo(err error, target any) bool */
static NativeStatus errors_assign_to(NativeCtx *ctx, Slot *args, Slot *res)
{
    Iface err = nat_iface(args), target = nat_iface(args + 2);
    const Type *t = target.type->elem;
    bool ok = err.type && errors_assignable(err.type, t);
    if (ok) {
        if (t->kind == KIND_INTERFACE)
            memcpy(target.word.p, &err, sizeof err); /* interfaces share one layout */
        else
            memcpy(target.word.p, iface_data(&err), t->size);
    }
    res[0].u = ok;
    return NATIVE_OK;
}

static const StdNative errors_natives[] = {
    {"isComparable", errors_is_comparable},
    {"checkTarget", errors_check_target},
    {"assignTo", errors_assign_to},
    {NULL, NULL},
};

const StdPackage stdlib_pkg_errors = {"errors", errors_source, errors_natives};
