/* check.c — the checker's frame: diagnostics, scopes and the universe,
 * packages and imports, package-level declarations (collected first, then
 * resolved lazily with cycle detection), methods and promoted methods, and
 * the package-level variable initialisation order.
 *
 * Expressions are in check_expr.c, calls in check_call.c, statements in
 * check_stmt.c, constant arithmetic in const.c. The checker never runs
 * code and never touches the runtime's scheduler.
 */
#include <gc.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../stdlib/stdlib.h"
#include "check_impl.h"

Type *t_invalid;

/* ---- diagnostics ---- */

char *check_fmt(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char tmp[1024];
    vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    size_t n = strlen(tmp);
    char *s = GC_MALLOC_ATOMIC(n + 1);
    memcpy(s, tmp, n + 1);
    return s;
}

void check_error(Checker *c, Pos pos, const char *fmt, ...)
{
    if (c->nerrors >= 10) {
        diags_add(c->diags, NULL, (Pos){0, 0}, "too many errors");
        longjmp(c->bail, 1);
    }
    va_list ap;
    va_start(ap, fmt);
    char tmp[1024];
    vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    /* one error per line, as Go's compiler reports */
    for (int i = 0; i < c->diags->len; i++) {
        Diag *d = &c->diags->items[i];
        if (d->pos.line == pos.line && d->filename && c->file &&
            strcmp(d->filename, c->file) == 0)
            return;
    }
    diags_add(c->diags, c->file, pos, "%s", tmp);
    c->nerrors++;
}

/* The package being checked, for qualifying foreign types in messages. */
static __thread const char *msg_pkg;

const char *tstr(const Type *t)
{
    char *buf = GC_MALLOC_ATOMIC(256);
    return type_string_rel(t, msg_pkg ? msg_pkg : "main", buf, 256);
}

/* A defined type still being resolved (no underlying type yet) is not
 * invalid: it is only incomplete. */
bool is_invalid(const Type *t) { return !t || (t->kind == KIND_INVALID && t->underlying); }

Type *under(const Type *t)
{
    if (!t) return t_invalid;
    return t->underlying ? t->underlying : (Type *)t;
}

/* ---- scopes ---- */

Scope *scope_new(Scope *parent, Node *func)
{
    Scope *s = GC_MALLOC(sizeof *s);
    s->parent = parent;
    s->func = func;
    return s;
}

Symbol *scope_lookup_local(Scope *s, const char *name)
{
    for (int i = s->len - 1; i >= 0; i--)
        if (strcmp(s->syms[i]->name, name) == 0) return s->syms[i];
    return NULL;
}

Symbol *scope_lookup(Scope *s, const char *name)
{
    for (; s; s = s->parent) {
        Symbol *sym = scope_lookup_local(s, name);
        if (sym) return sym;
    }
    return NULL;
}

Symbol *symbol_new(SymKind kind, const char *name, Pos pos)
{
    Symbol *s = GC_MALLOC(sizeof *s);
    s->kind = kind;
    s->name = name;
    s->pos = pos;
    return s;
}

static void scope_add(Scope *s, Symbol *sym)
{
    if (s->len == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 8;
        Symbol **n = GC_MALLOC((size_t)s->cap * sizeof *n);
        if (s->len) memcpy(n, s->syms, (size_t)s->len * sizeof *n);
        s->syms = n;
    }
    s->syms[s->len++] = sym;
}

void check_declare(Checker *c, Scope *s, Symbol *sym)
{
    if (strcmp(sym->name, "_") == 0) return;
    Symbol *old = scope_lookup_local(s, sym->name);
    if (old) {
        check_error(c, sym->pos, "%s redeclared in this block", sym->name);
        return;
    }
    scope_add(s, sym);
}

/* ---- the universe ---- */

static Scope *universe_scope;

static void universe_type(Scope *u, const char *name, Type *t)
{
    Symbol *s = symbol_new(SYM_TYPE, name, (Pos){0, 0});
    s->type = t;
    scope_add(u, s);
}

static Scope *make_universe(void)
{
    Scope *u = GC_MALLOC_UNCOLLECTABLE(sizeof *u);
    memset(u, 0, sizeof *u);
    static const TypeKind basics[] = {
        KIND_BOOL, KIND_INT, KIND_INT8, KIND_INT16, KIND_INT32, KIND_INT64,
        KIND_UINT, KIND_UINT8, KIND_UINT16, KIND_UINT32, KIND_UINT64,
        KIND_UINTPTR, KIND_FLOAT32, KIND_FLOAT64, KIND_COMPLEX64,
        KIND_COMPLEX128, KIND_STRING};
    for (size_t i = 0; i < sizeof basics / sizeof basics[0]; i++)
        universe_type(u, type_basic[basics[i]]->name, type_basic[basics[i]]);
    universe_type(u, "byte", type_basic[KIND_UINT8]);
    universe_type(u, "rune", type_basic[KIND_INT32]);
    universe_type(u, "error", type_error);
    universe_type(u, "any", type_any);
    Symbol *s = symbol_new(SYM_CONST, "true", (Pos){0, 0});
    s->type = type_basic[KIND_UNTYPED_BOOL];
    s->cv = cv_bool(true);
    scope_add(u, s);
    s = symbol_new(SYM_CONST, "false", (Pos){0, 0});
    s->type = type_basic[KIND_UNTYPED_BOOL];
    s->cv = cv_bool(false);
    scope_add(u, s);
    s = symbol_new(SYM_CONST, "iota", (Pos){0, 0});
    s->type = type_basic[KIND_UNTYPED_INT];
    scope_add(u, s); /* cv NULL: the checker substitutes the current iota */
    s = symbol_new(SYM_NIL, "nil", (Pos){0, 0});
    s->type = type_basic[KIND_UNTYPED_NIL];
    scope_add(u, s);
#define X(b, str)                                                             \
    s = symbol_new(SYM_BUILTIN, str, (Pos){0, 0});                            \
    s->builtin = BUILTIN_##b;                                                 \
    scope_add(u, s);
    BUILTINS(X)
#undef X
    return u;
}

/* ---- package-level objects ---- */

static ObjInfo *info_of(Symbol *s) { return s->check_info; }

static void add_dep(Symbol *from, Symbol *to)
{
    ObjInfo *fi = info_of(from);
    if (!fi || from == to) return;
    for (int i = 0; i < fi->ndeps; i++)
        if (fi->deps[i] == to) return;
    if (fi->ndeps == fi->capdeps) {
        fi->capdeps = fi->capdeps ? fi->capdeps * 2 : 4;
        Symbol **n = GC_MALLOC((size_t)fi->capdeps * sizeof *n);
        if (fi->ndeps) memcpy(n, fi->deps, (size_t)fi->ndeps * sizeof *n);
        fi->deps = n;
    }
    fi->deps[fi->ndeps++] = to;
}

static void resolve_typespec(Checker *c, Symbol *sym);
static void resolve_valuespec(Checker *c, Symbol *sym);
static void resolve_func(Checker *c, Symbol *sym);

/* Runs f on sym with the checker's context switched to sym's file. */
void check_resolve_obj(Checker *c, Symbol *sym)
{
    ObjInfo *in = info_of(sym);
    if (!in || in->state == 2) return;
    if (in->state == 1) {
        if (sym->kind == SYM_VAR || sym->kind == SYM_CONST) {
            check_error(c, sym->pos, "initialization cycle for %s", sym->name);
            sym->type = t_invalid;
            if (sym->kind == SYM_CONST && !sym->cv) sym->cv = cv_int(0);
            in->state = 2;
        }
        return;
    }
    /* save the context: resolution may start in the middle of a body */
    Checker saved = *c;
    c->scope = in->scope;
    c->file = in->file;
    c->fn = NULL;
    c->targets = NULL;
    c->iota = -1;
    in->state = 1;
    switch (sym->kind) {
    case SYM_TYPE: resolve_typespec(c, sym); break;
    case SYM_CONST:
    case SYM_VAR: resolve_valuespec(c, sym); break;
    case SYM_FUNC: resolve_func(c, sym); break;
    default: break;
    }
    in->state = 2;
    int nerr = c->nerrors;
    saved.nerrors = nerr;
    Symbol *decl_sym = saved.decl_sym;
    *c = saved;
    c->decl_sym = decl_sym;
}

void check_use_obj(Checker *c, Symbol *sym)
{
    if (sym->pkg) sym->used = true; /* universe symbols are shared: never written */
    if (sym->check_info) {
        check_resolve_obj(c, sym);
        if (c->decl_sym && sym->pkg == c->pkg &&
            (sym->kind == SYM_VAR || sym->kind == SYM_FUNC))
            add_dep(c->decl_sym, sym);
    }
}

static __thread int in_typedecl; /* >0 while resolving a type declaration */
static __thread Symbol *cur_typedecl; /* the type declaration being resolved */

static void resolve_typespec(Checker *c, Symbol *sym)
{
    Node *spec = info_of(sym)->spec;
    if (spec->u.typespec.tparams.len) {
        check_error(c, spec->u.typespec.name->pos, "not supported yet: generics");
        if (!sym->type) sym->type = t_invalid;
        if (!sym->type->underlying) type_set_underlying(sym->type, t_invalid);
        return;
    }
    in_typedecl++;
    Symbol *saved_cur = cur_typedecl;
    cur_typedecl = sym;
    if (spec->u.typespec.alias) {
        sym->type = check_type_direct(c, spec->u.typespec.type, true);
    } else {
        Type *u = check_type_direct(c, spec->u.typespec.type, true);
        if (!u->underlying) {
            /* `type A B` with B still being resolved: a cycle */
            check_error(c, sym->pos, "invalid recursive type %s", sym->name);
            u = t_invalid;
        }
        type_set_underlying(sym->type, u);
        if (u->kind == KIND_INTERFACE && u != t_invalid) {
            sym->type->nmethods = u->nmethods;
            sym->type->methods = u->methods;
        }
    }
    cur_typedecl = saved_cur;
    in_typedecl--;
}

static void resolve_valuespec(Checker *c, Symbol *sym)
{
    ObjInfo *in = info_of(sym);
    Node *spec = in->spec;
    bool is_const = sym->kind == SYM_CONST;
    /* the whole spec is checked at once: mark its other names resolving */
    Symbol *saved = c->decl_sym;
    if (!is_const) c->decl_sym = sym;
    check_valuespec(c, spec, is_const, true);
    c->decl_sym = saved;
    /* share dependencies among the spec's names */
    for (int i = 0; i < spec->u.valuespec.names.len; i++) {
        Symbol *o = spec->u.valuespec.names.items[i]->u.ident.sym;
        if (o && o != sym && o->check_info) {
            info_of(o)->state = 2;
            for (int j = 0; j < in->ndeps; j++) add_dep(o, in->deps[j]);
        }
    }
}

static void resolve_func(Checker *c, Symbol *sym)
{
    Node *fd = info_of(sym)->spec;
    if (fd->u.funcdecl.tparams.len) {
        check_error(c, fd->u.funcdecl.name->pos, "not supported yet: generics");
        sym->type = type_func(NULL, 0, NULL, 0, false);
        return;
    }
    sym->type = check_signature(c, fd->u.funcdecl.type, NULL, NULL);
}

/* ---- type expressions ---- */

static Type *check_struct_type(Checker *c, Node *n);
static Type *check_interface_type(Checker *c, Node *n);

static Type *type_from_ident(Checker *c, Node *n, Symbol *sym, bool direct)
{
    if (!sym) {
        check_error(c, n->pos, "undefined: %s", n->u.ident.name);
        return t_invalid;
    }
    if (sym->kind != SYM_TYPE) {
        if (sym->pkg) sym->used = true;
        if (sym->kind == SYM_VAR && sym->type)
            check_error(c, n->pos, "%s (variable of type %s) is not a type", n->u.ident.name,
                        tstr(sym->type));
        else if (sym->kind != SYM_BAD)
            check_error(c, n->pos, "%s is not a type", n->u.ident.name);
        return t_invalid;
    }
    if (sym->pkg) sym->used = true; /* universe symbols are shared: never written */
    n->u.ident.sym = sym;
    ObjInfo *in = info_of(sym);
    if (in) {
        if (in->state == 0) {
            if (direct || !in_typedecl) check_resolve_obj(c, sym);
        } else if (in->state == 1 && direct && sym->type && !sym->type->underlying) {
            if (cur_typedecl == sym)
                check_error(c, in->spec->u.typespec.name->pos,
                            "invalid recursive type: %s refers to itself", sym->name);
            else
                check_error(c, in->spec->u.typespec.name->pos, "invalid recursive type %s",
                            sym->name);
            type_set_underlying(sym->type, t_invalid);
        }
    }
    if (!sym->type) return t_invalid;
    if (sym->type->kind == KIND_COMPLEX64 || sym->type->kind == KIND_COMPLEX128) {
        if (sym->type->name && !sym->type->pkg) {
            check_error(c, n->pos, "not supported yet: complex numbers");
            return t_invalid;
        }
    }
    return sym->type;
}

Type *check_type(Checker *c, Node *n) { return check_type_direct(c, n, true); }

Type *check_type_direct(Checker *c, Node *n, bool direct)
{
    Type *t = t_invalid;
    switch (n->kind) {
    case AST_IDENT:
        t = type_from_ident(c, n, scope_lookup(c->scope, n->u.ident.name), direct);
        break;
    case AST_PAREN:
        t = check_type_direct(c, n->u.paren.x, direct);
        break;
    case AST_SELECTOR: {
        Node *x = n->u.selector.x;
        if (x->kind == AST_IDENT) {
            Symbol *ps = check_lookup_pkg(c, x->u.ident.name, x->pos);
            if (ps) {
                ps->used = true;
                x->u.ident.sym = ps;
                x->mode = MODE_PACKAGE;
                Package *p = ps->pkg;
                const char *nm = n->u.selector.sel->u.ident.name;
                Symbol *m = scope_lookup_local(p->scope, nm);
                if (!m || !(nm[0] >= 'A' && nm[0] <= 'Z')) {
                    check_error(c, n->u.selector.sel->pos, "undefined: %s.%s",
                                x->u.ident.name, nm);
                    t = t_invalid;
                    break;
                }
                n->u.selector.kind = SEL_PACKAGE;
                n->u.selector.sym = m;
                t = type_from_ident(c, n->u.selector.sel, m, direct);
                break;
            }
        }
        check_error(c, n->pos, "%s is not a type", expr_str(n));
        break;
    }
    case AST_STAR:
        t = type_pointer(check_type_direct(c, n->u.star.x, false));
        break;
    case AST_ARRAYTYPE: {
        Node *ln = n->u.arraytype.len;
        if (!ln) {
            t = type_slice(check_type_direct(c, n->u.arraytype.elt, false));
            break;
        }
        if (ln->kind == AST_ELLIPSIS) {
            check_error(c, ln->pos, "invalid use of [...] array (outside a composite literal)");
            check_type_direct(c, n->u.arraytype.elt, direct);
            break;
        }
        check_expr(c, ln, NULL);
        Type *elt = check_type_direct(c, n->u.arraytype.elt, direct);
        if (ln->mode != MODE_CONST) {
            if (!is_invalid(ln->type))
                check_error(c, ln->pos, "array length %s (%s) must be constant", expr_str(ln),
                            ln->mode == MODE_VARIABLE ? check_fmt("variable of type %s", tstr(ln->type))
                                                      : check_fmt("value of type %s", tstr(ln->type)));
            break;
        }
        __int128 len;
        if (!cv_to_int(ln->cv, &len) ||
            !(kind_is_integer(under(ln->type)->kind) || kind_is_untyped(ln->type->kind))) {
            check_error(c, ln->pos, "array length %s (%s) must be integer", expr_str(ln),
                        operand_str(c, ln) );
            break;
        }
        if (len < 0) {
            check_error(c, ln->pos, "invalid array length %s (untyped int constant)", expr_str(ln));
            break;
        }
        if (kind_is_untyped(ln->type->kind)) check_convert_untyped(c, ln, type_basic[KIND_INT]);
        if (is_invalid(elt)) break;
        t = type_array(elt, (int64_t)len);
        break;
    }
    case AST_MAPTYPE: {
        Type *k = check_type_direct(c, n->u.maptype.key, false);
        Type *v = check_type_direct(c, n->u.maptype.value, false);
        if (is_invalid(k) || is_invalid(v)) break;
        if (k->underlying && !k->comparable && k->kind != KIND_INTERFACE) {
            check_error(c, n->u.maptype.key->pos, "invalid map key type %s", tstr(k));
            break;
        }
        t = type_map(k, v);
        break;
    }
    case AST_CHANTYPE: {
        Type *e = check_type_direct(c, n->u.chantype.value, false);
        if (is_invalid(e)) break;
        t = type_chan(e, n->u.chantype.dir);
        break;
    }
    case AST_FUNCTYPE:
        t = check_signature(c, n, NULL, NULL);
        break;
    case AST_STRUCTTYPE:
        t = check_struct_type(c, n);
        break;
    case AST_INTERFACETYPE:
        t = check_interface_type(c, n);
        break;
    case AST_INDEX:
        check_error(c, n->pos, "not supported yet: generics");
        break;
    case AST_ELLIPSIS:
        check_error(c, n->pos, "invalid use of ...");
        break;
    case AST_BAD:
        break;
    default:
        check_expr_or_type(c, n);
        if (n->mode == MODE_TYPE) return n->type;
        if (n->mode != MODE_INVALID)
            check_error(c, n->pos, "%s is not a type", expr_str(n));
        break;
    }
    n->type = t;
    n->mode = MODE_TYPE;
    return t;
}

static Type *check_struct_type(Checker *c, Node *n)
{
    NodeList *fl = &n->u.structtype.fields;
    int cap = 0;
    for (int i = 0; i < fl->len; i++) {
        int k = fl->items[i]->u.field.names.len;
        cap += k ? k : 1;
    }
    Field *fs = GC_MALLOC((size_t)(cap ? cap : 1) * sizeof(Field));
    int nf = 0;
    bool bad = false;
    for (int i = 0; i < fl->len; i++) {
        Node *f = fl->items[i];
        Type *ft = check_type_direct(c, f->u.field.type, true);
        if (is_invalid(ft)) bad = true;
        if (f->u.field.names.len == 0) {
            /* embedded: T, *T, pkg.T */
            Node *tn = f->u.field.type;
            bool ptr = false;
            if (tn->kind == AST_STAR) {
                tn = tn->u.star.x;
                ptr = true;
            }
            const char *name = tn->kind == AST_IDENT ? tn->u.ident.name
                               : tn->kind == AST_SELECTOR ? tn->u.selector.sel->u.ident.name
                                                          : "?";
            if (ptr && !is_invalid(ft) && ft->elem->underlying &&
                (ft->elem->kind == KIND_POINTER || ft->elem->kind == KIND_INTERFACE)) {
                check_error(c, f->pos, "embedded field type cannot be a pointer to an interface");
                bad = true;
            }
            for (int j = 0; j < nf; j++)
                if (strcmp(fs[j].name, name) == 0) {
                    check_error(c, f->pos, "%s redeclared", name);
                    bad = true;
                }
            fs[nf++] = (Field){.name = name, .type = ft, .embedded = true,
                               .exported = name[0] >= 'A' && name[0] <= 'Z'};
        } else {
            for (int k = 0; k < f->u.field.names.len; k++) {
                Node *id = f->u.field.names.items[k];
                const char *name = id->u.ident.name;
                for (int j = 0; j < nf; j++)
                    if (strcmp(name, "_") != 0 && strcmp(fs[j].name, name) == 0) {
                        check_error(c, id->pos, "%s redeclared", name);
                        bad = true;
                    }
                fs[nf++] = (Field){.name = name, .type = ft,
                                   .exported = name[0] >= 'A' && name[0] <= 'Z'};
            }
        }
    }
    if (bad) return t_invalid;
    return type_struct(fs, nf);
}

static void add_iface_method(Checker *c, Method **ms, int *n, int *cap, Method m, Pos pos)
{
    for (int i = 0; i < *n; i++)
        if (strcmp((*ms)[i].name, m.name) == 0) {
            if ((*ms)[i].sig != m.sig) check_error(c, pos, "duplicate method %s", m.name);
            return;
        }
    if (*n == *cap) {
        *cap = *cap ? *cap * 2 : 8;
        Method *nm = GC_MALLOC((size_t)*cap * sizeof(Method));
        if (*n) memcpy(nm, *ms, (size_t)*n * sizeof(Method));
        *ms = nm;
    }
    (*ms)[(*n)++] = m;
}

static Type *check_interface_type(Checker *c, Node *n)
{
    Method *ms = NULL;
    int nm = 0, cap = 0;
    NodeList *l = &n->u.interfacetype.methods;
    for (int i = 0; i < l->len; i++) {
        Node *f = l->items[i];
        if (f->u.field.names.len) {
            Type *sig = check_signature(c, f->u.field.type, NULL, NULL);
            Method m = {.name = f->u.field.names.items[0]->u.ident.name, .sig = sig};
            add_iface_method(c, &ms, &nm, &cap, m, f->pos);
            continue;
        }
        Node *tn = f->u.field.type;
        if (tn->kind == AST_BINARY || tn->kind == AST_UNARY) {
            check_error(c, tn->pos, "not supported yet: generics (type constraints)");
            return t_invalid;
        }
        Type *e = check_type_direct(c, tn, true);
        if (is_invalid(e)) continue;
        if (e->kind != KIND_INTERFACE) {
            check_error(c, tn->pos, "not supported yet: generics (type constraints)");
            return t_invalid;
        }
        for (int j = 0; j < e->nmethods; j++)
            add_iface_method(c, &ms, &nm, &cap, e->methods[j], f->pos);
    }
    return type_interface(ms, nm);
}

/* The types of a FIELD list; *names gets each entry's ident (or NULL). */
static int field_types(Checker *c, NodeList *l, Type ***out, Node ***names, bool params,
                       bool *variadic)
{
    int n = 0;
    for (int i = 0; i < l->len; i++) {
        int k = l->items[i]->u.field.names.len;
        n += k ? k : 1;
    }
    Type **ts = GC_MALLOC((size_t)(n ? n : 1) * sizeof *ts);
    Node **ns = GC_MALLOC((size_t)(n ? n : 1) * sizeof *ns);
    int j = 0;
    if (variadic) *variadic = false;
    for (int i = 0; i < l->len; i++) {
        Node *f = l->items[i];
        Node *tn = f->u.field.type;
        Type *t;
        if (tn->kind == AST_ELLIPSIS && tn->u.ellipsis.elt) {
            if (!params || i != l->len - 1 || f->u.field.names.len > 1) {
                check_error(c, tn->pos, "can only use ... with final parameter in list");
                t = t_invalid;
            } else {
                t = type_slice(check_type_direct(c, tn->u.ellipsis.elt, false));
                if (variadic) *variadic = true;
            }
            tn->type = t;
            tn->mode = MODE_TYPE;
        } else {
            t = check_type_direct(c, tn, false);
        }
        if (f->u.field.names.len == 0) {
            ns[j] = NULL;
            ts[j++] = t;
        }
        for (int k = 0; k < f->u.field.names.len; k++) {
            ns[j] = f->u.field.names.items[k];
            ts[j++] = t;
        }
    }
    *out = ts;
    if (names) *names = ns;
    return n;
}

Type *check_signature(Checker *c, Node *ft, Node *recv, Type **recvtype)
{
    (void)recv;
    (void)recvtype;
    Type **ps, **rs;
    bool variadic;
    int np = field_types(c, &ft->u.functype.params, &ps, NULL, true, &variadic);
    int nr = field_types(c, &ft->u.functype.results, &rs, NULL, false, NULL);
    for (int i = 0; i < np; i++)
        if (is_invalid(ps[i])) ps[i] = t_invalid;
    for (int i = 0; i < nr; i++)
        if (is_invalid(rs[i])) rs[i] = t_invalid;
    Type *t = type_func(ps, np, rs, nr, variadic);
    ft->type = t;
    ft->mode = MODE_TYPE;
    return t;
}

/* ---- field and method lookup through embedding ---- */


typedef struct Cand {
    Type *t;
    int npath;
    int path[16];
    bool deref[16];
    bool indirect;
} Cand;

/* Declared (not promoted) method of a defined type or interface. */
static const Method *declared_method(Type *t, const char *name)
{
    if (t->kind == KIND_INTERFACE) return type_method(t, name);
    if (!t->name) return NULL;
    for (int i = 0; i < t->nptrmethods; i++)
        if (!t->ptrmethods[i].promoted && strcmp(t->ptrmethods[i].name, name) == 0)
            return &t->ptrmethods[i];
    return NULL;
}

/* Go's selector rule: the shallowest depth with exactly one match. */
void check_lookup(Type *T, const char *name, Lookup *out)
{
    memset(out, 0, sizeof *out);
    Cand bufa[64], bufb[64]; /* breadth-first levels; deeper embeddings are cut */
    Cand *cur = bufa, *next = bufb;
    int ncur = 1, nnext;
    memset(&cur[0], 0, sizeof(Cand));
    cur[0].t = T;
    for (int depth = 0; depth < 8 && ncur; depth++) {
        int found = 0;
        Lookup res;
        memset(&res, 0, sizeof res);
        nnext = 0;
        for (int ci = 0; ci < ncur; ci++) {
            Cand *cd = &cur[ci];
            Type *t = cd->t;
            bool ptr = false;
            if (!t || !t->underlying) continue;
            if (t->kind == KIND_POINTER && !(t->name && depth == 0)) {
                if (t->name) continue;
                t = t->elem;
                ptr = true;
                if (!t || !t->underlying) continue;
                if (t->kind == KIND_INTERFACE) continue; /* *I has no methods */
            }
            const Method *m = declared_method(t, name);
            if (m) {
                found++;
                res.kind = 2;
                res.method = m;
                res.recv = t;
                res.npath = cd->npath;
                memcpy(res.path, cd->path, sizeof res.path);
                memcpy(res.deref, cd->deref, sizeof res.deref);
                res.indirect = cd->indirect || ptr;
                continue;
            }
            if (t->kind != KIND_STRUCT) continue;
            for (int i = 0; i < t->nfields; i++) {
                Field *f = &t->fields[i];
                if (strcmp(f->name, name) == 0) {
                    found++;
                    res.kind = 1;
                    res.field = f;
                    res.npath = cd->npath + 1;
                    memcpy(res.path, cd->path, sizeof res.path);
                    memcpy(res.deref, cd->deref, sizeof res.deref);
                    res.path[cd->npath] = i;
                    res.deref[cd->npath] = ptr;
                    res.indirect = cd->indirect || ptr;
                } else if (f->embedded && cd->npath < 15 && nnext < 64) {
                    Cand *nc = &next[nnext++];
                    *nc = *cd;
                    nc->t = f->type;
                    nc->path[cd->npath] = i;
                    nc->deref[cd->npath] = ptr;
                    nc->npath = cd->npath + 1;
                    nc->indirect = cd->indirect || ptr;
                }
            }
        }
        if (found == 1) {
            *out = res;
            return;
        }
        if (found > 1) {
            out->kind = 3;
            return;
        }
        Cand *tmp = cur;
        cur = next;
        next = tmp;
        ncur = nnext;
    }
}

int check_method_path(const Type *t, const char *name, int *path, bool *deref, int max,
                      Type **recv_type)
{
    Lookup lk;
    check_lookup((Type *)t, name, &lk);
    if (lk.kind != 2) return -1;
    for (int i = 0; i < lk.npath && i < max; i++) {
        path[i] = lk.path[i];
        deref[i] = lk.deref[i];
    }
    if (recv_type) *recv_type = lk.recv;
    return lk.npath;
}

/* Adds promoted methods to every defined struct type of the package. */
static void promote_methods(Checker *c, Type *T)
{
    (void)c;
    if (T->kind != KIND_STRUCT || !T->underlying) return;
    bool any = false;
    for (int i = 0; i < T->nfields; i++)
        if (T->fields[i].embedded) any = true;
    if (!any) return;
    /* candidate names: methods of everything reachable by embedding */
    Type *stack[64];
    int ns = 0;
    for (int i = 0; i < T->nfields; i++)
        if (T->fields[i].embedded && ns < 64) stack[ns++] = T->fields[i].type;
    int visited = 0;
    while (ns && visited++ < 256) {
        Type *e = stack[--ns];
        if (e->kind == KIND_POINTER && !e->name) e = e->elem;
        if (!e || !e->underlying) continue;
        const Method *tab = e->kind == KIND_INTERFACE ? e->methods : e->ptrmethods;
        int n = e->kind == KIND_INTERFACE ? e->nmethods : e->nptrmethods;
        for (int i = 0; i < n; i++) {
            Lookup lk;
            check_lookup(T, tab[i].name, &lk);
            if (lk.kind != 2 || lk.npath == 0) continue;
            bool ptr = lk.method->ptrrecv && lk.recv->kind != KIND_INTERFACE;
            bool in_value = !ptr || lk.indirect;
            /* the last step into the receiver: a pointer field counts */
            types_add_promoted(T, tab[i].name, lk.method->sig, ptr, in_value);
        }
        if (e->kind == KIND_STRUCT)
            for (int i = 0; i < e->nfields; i++)
                if (e->fields[i].embedded && ns < 64) stack[ns++] = e->fields[i].type;
    }
}

/* ---- collecting declarations ---- */

static ObjInfo *new_info(Checker *c, Node *spec, int index)
{
    ObjInfo *in = GC_MALLOC(sizeof *in);
    in->scope = c->scope;
    in->file = c->file;
    in->spec = spec;
    in->index = index;
    return in;
}

typedef struct MethodDecl {
    Node *fd;
    Scope *scope;
    const char *file;
} MethodDecl;

typedef struct PkgState {
    MethodDecl *methods;
    int nmethods, capmethods;
    Symbol **objs; /* package-level objects in source order */
    int nobjs, capobjs;
} PkgState;

static void push_obj(PkgState *ps, Symbol *s)
{
    if (ps->nobjs == ps->capobjs) {
        ps->capobjs = ps->capobjs ? ps->capobjs * 2 : 16;
        Symbol **n = GC_MALLOC((size_t)ps->capobjs * sizeof *n);
        if (ps->nobjs) memcpy(n, ps->objs, (size_t)ps->nobjs * sizeof *n);
        ps->objs = n;
    }
    ps->objs[ps->nobjs++] = s;
}

static void declare_pkg(Checker *c, Symbol *s)
{
    if (strcmp(s->name, "_") == 0) return;
    if (strcmp(s->name, "init") == 0 && s->kind == SYM_FUNC) return;
    if (strcmp(s->name, "main") == 0 && s->kind != SYM_FUNC && !c->pkg->is_script &&
        strcmp(c->pkg->path, "main") == 0) {
        check_error(c, s->pos, "cannot declare main - must be func");
        return;
    }
    Symbol *old = scope_lookup_local(c->pkg->scope, s->name);
    if (old) {
        check_error(c, s->pos, "%s redeclared in this block", s->name);
        return;
    }
    scope_add(c->pkg->scope, s);
}

static Package *import_package(Checker *c, const char *path, Pos pos);

Symbol *check_lookup_pkg(Checker *c, const char *name, Pos pos)
{
    Symbol *s = scope_lookup(c->scope, name);
    if (s) return s->kind == SYM_PKG ? s : NULL;
    if (!c->pkg->is_script) return NULL;
    /* scripts use standard packages by name without importing them */
    const StdPackage *sp = stdlib_find_by_name(name);
    if (!sp) return NULL;
    Package *p = import_package(c, sp->path, pos);
    if (!p) return NULL;
    s = symbol_new(SYM_PKG, name, pos);
    s->pkg = p;
    s->used = true;
    /* visible to the whole script: in the package scope */
    scope_add(c->pkg->scope, s);
    return s;
}

static void collect_import(Checker *c, Node *spec)
{
    Node *pn = spec->u.importspec.path;
    String ps = pn->u.basiclit.sval;
    char *path = GC_MALLOC_ATOMIC((size_t)ps.len + 1);
    memcpy(path, ps.ptr, (size_t)ps.len);
    path[ps.len] = 0;
    Package *p = import_package(c, path, pn->pos);
    if (!p) return;
    const char *name = p->name;
    Node *nn = spec->u.importspec.name;
    if (nn) {
        name = nn->u.ident.name;
        if (strcmp(name, ".") == 0) {
            check_error(c, nn->pos, "not supported yet: dot imports");
            return;
        }
        if (strcmp(name, "_") == 0) return;
    }
    Symbol *s = symbol_new(SYM_PKG, name, nn ? nn->pos : pn->pos);
    s->pkg = p;
    s->decl = spec;
    if (c->pkg->is_script) s->used = true;
    Symbol *old = scope_lookup_local(c->scope, name);
    if (old) {
        check_error(c, s->pos, "%s redeclared in this block", name);
        return;
    }
    scope_add(c->scope, s);
}

static void collect_gendecl(Checker *c, PkgState *ps, Node *d)
{
    for (int i = 0; i < d->u.gendecl.specs.len; i++) {
        Node *spec = d->u.gendecl.specs.items[i];
        switch (d->u.gendecl.tok) {
        case TOK_IMPORT: collect_import(c, spec); break;
        case TOK_TYPE: {
            Node *nm = spec->u.typespec.name;
            Symbol *s = symbol_new(SYM_TYPE, nm->u.ident.name, nm->pos);
            s->pkg = c->pkg;
            s->decl = spec;
            s->check_info = new_info(c, spec, 0);
            if (!spec->u.typespec.alias) s->type = type_named(s->name, c->pkg->path, NULL);
            nm->u.ident.sym = s;
            declare_pkg(c, s);
            push_obj(ps, s);
            break;
        }
        case TOK_CONST:
        case TOK_VAR: {
            bool is_const = d->u.gendecl.tok == TOK_CONST;
            NodeList *names = &spec->u.valuespec.names;
            for (int k = 0; k < names->len; k++) {
                Node *nm = names->items[k];
                Symbol *s = symbol_new(is_const ? SYM_CONST : SYM_VAR, nm->u.ident.name,
                                       nm->pos);
                s->pkg = c->pkg;
                s->decl = spec;
                s->global = !is_const;
                s->used = true;
                s->check_info = new_info(c, spec, k);
                nm->u.ident.sym = s;
                declare_pkg(c, s);
                push_obj(ps, s);
            }
            break;
        }
        default: break;
        }
    }
}

static void collect_funcdecl(Checker *c, PkgState *ps, Node *fd)
{
    Node *nm = fd->u.funcdecl.name;
    Symbol *s = symbol_new(SYM_FUNC, nm->u.ident.name, nm->pos);
    s->pkg = c->pkg;
    s->decl = fd;
    s->native = fd->u.funcdecl.body == NULL;
    s->used = true;
    s->check_info = new_info(c, fd, 0);
    nm->u.ident.sym = s;
    fd->u.funcdecl.sym = s;
    if (s->native && !c->is_std) {
        check_error(c, nm->pos, "missing function body");
    }
    if (fd->u.funcdecl.recv) {
        if (ps->nmethods == ps->capmethods) {
            ps->capmethods = ps->capmethods ? ps->capmethods * 2 : 8;
            MethodDecl *n = GC_MALLOC((size_t)ps->capmethods * sizeof *n);
            if (ps->nmethods) memcpy(n, ps->methods, (size_t)ps->nmethods * sizeof *n);
            ps->methods = n;
        }
        ps->methods[ps->nmethods++] = (MethodDecl){fd, c->scope, c->file};
        return;
    }
    if (strcmp(s->name, "init") == 0 || strcmp(s->name, "main") == 0) {
        if (fd->u.funcdecl.type->u.functype.params.len ||
            fd->u.funcdecl.type->u.functype.results.len)
            check_error(c, nm->pos, "func %s must have no arguments and no return values",
                        s->name);
    }
    declare_pkg(c, s);
    push_obj(ps, s);
}

/* Declares a method: receiver checks, signature, method set entry.
 * all_methods: the package's method declarations (for redeclarations). */
static void declare_method(Checker *c, MethodDecl *md, MethodDecl *all_methods)
{
    Node *fd = md->fd;
    Symbol *s = fd->u.funcdecl.sym;
    c->scope = md->scope;
    c->file = md->file;
    Node *recv = fd->u.funcdecl.recv;
    Node *tn = recv->u.field.type;
    while (tn->kind == AST_PAREN) tn = tn->u.paren.x;
    bool ptr = false;
    if (tn->kind == AST_STAR) {
        ptr = true;
        tn = tn->u.star.x;
        while (tn->kind == AST_PAREN) tn = tn->u.paren.x;
    }
    if (tn->kind == AST_INDEX) {
        check_error(c, tn->pos, "not supported yet: generics");
        s->type = type_func(NULL, 0, NULL, 0, false);
        return;
    }
    Type *base = check_type_direct(c, recv->u.field.type, false);
    Type *T = ptr && !is_invalid(base) ? base->elem : base;
    s->type = check_signature(c, fd->u.funcdecl.type, NULL, NULL);
    ((ObjInfo *)s->check_info)->state = 2;
    if (is_invalid(T)) {
        s->recv = t_invalid;
        return;
    }
    if (ptr && tn->kind == AST_STAR) {
        check_error(c, recv->pos, "invalid receiver type %s", tstr(base));
        s->recv = t_invalid;
        return;
    }
    if (tn->kind != AST_IDENT || !T->name || T->pkg != c->pkg->path ||
        !tn->u.ident.sym || tn->u.ident.sym->pkg != c->pkg) {
        check_error(c, recv->pos, "cannot define new methods on non-local type %s", tstr(T));
        s->recv = t_invalid;
        return;
    }
    if (T->kind == KIND_POINTER || T->kind == KIND_INTERFACE) {
        check_error(c, tn->pos, "invalid receiver type %s (pointer or interface type)",
                    tstr(T));
        s->recv = t_invalid;
        return;
    }
    s->recv = ptr ? type_pointer(T) : T;
    const char *name = s->name;
    if (strcmp(name, "_") == 0) return;
    for (int i = 0; i < T->nptrmethods; i++)
        if (!T->ptrmethods[i].promoted && strcmp(T->ptrmethods[i].name, name) == 0) {
            Pos pp = {0, 0};
            const char *pf = c->file;
            for (MethodDecl *o = all_methods; o < md; o++) {
                Symbol *os = o->fd->u.funcdecl.sym;
                Type *ot = os->recv && os->recv->kind == KIND_POINTER && !os->recv->name
                               ? os->recv->elem
                               : os->recv;
                if (ot == T && strcmp(os->name, name) == 0) {
                    pp = o->fd->u.funcdecl.name->pos;
                    pf = o->file;
                }
            }
            check_error(c, fd->u.funcdecl.name->pos, "method %s.%s already declared at %s:%d:%d",
                        T->name, name, pf, pp.line, pp.col);
            return;
        }
    if (T->kind == KIND_STRUCT)
        for (int i = 0; i < T->nfields; i++)
            if (strcmp(T->fields[i].name, name) == 0) {
                check_error(c, fd->u.funcdecl.name->pos, "field and method with the same name %s",
                            name);
                return;
            }
    type_add_method(T, name, s->type, ptr);
}

/* ---- packages ---- */

static Package **all_pkgs;
static int nall, capall;

static void program_add(Checker *c, Package *p)
{
    Program *pr = c->prog;
    Package **n = GC_MALLOC((size_t)(pr->npkgs + 1) * sizeof *n);
    if (pr->npkgs) memcpy(n, pr->pkgs, (size_t)pr->npkgs * sizeof *n);
    n[pr->npkgs++] = p;
    pr->pkgs = n;
    (void)all_pkgs;
    (void)nall;
    (void)capall;
}

static void check_package_files(Checker *c, Package *p);

/* Imports are looked up per program, so each package is checked once per
 * program (a cache across programs would share Symbols between VMs). */
static Package *import_package(Checker *c, const char *path, Pos pos)
{
    for (int i = 0; i < c->prog->npkgs; i++)
        if (strcmp(c->prog->pkgs[i]->path, path) == 0) return c->prog->pkgs[i];
    if (strcmp(path, "unsafe") == 0) {
        check_error(c, pos, "not supported yet: unsafe");
        return NULL;
    }
    const StdPackage *sp = stdlib_find(path);
    if (!sp) {
        check_error(c, pos, "package %s is not in std", path);
        return NULL;
    }
    Diags pd = {0};
    char *fname = check_fmt("<std>/%s.go", path);
    Node *file = parse_file(fname, sp->source, (int64_t)strlen(sp->source), &pd);
    if (pd.len) {
        for (int i = 0; i < pd.len; i++)
            diags_add(c->diags, pd.items[i].filename, pd.items[i].pos, "%s", pd.items[i].msg);
        c->nerrors += pd.len;
        return NULL;
    }
    Package *p = GC_MALLOC(sizeof *p);
    p->path = path;
    const char *slash = strrchr(path, '/');
    p->name = file->u.file.package ? file->u.file.package->u.ident.name
                                   : (slash ? slash + 1 : path);
    p->scope = scope_new(c->universe, NULL);
    nodelist_push(&p->files, file);
    Checker saved = *c;
    c->pkg = p;
    c->is_std = true;
    c->fn = NULL;
    c->targets = NULL;
    c->decl_sym = NULL;
    check_package_files(c, p);
    int nerr = c->nerrors;
    *c = saved;
    c->nerrors = nerr;
    program_add(c, p);
    return p;
}

/* Go's initialisation order: repeatedly the earliest variable (in
 * declaration order) whose dependencies are all initialised. */
static bool reaches_uninit(Symbol *s, Symbol **seen, int *nseen, bool *done_of, Symbol **vars,
                           int nvars, Symbol *self)
{
    ObjInfo *in = s->check_info;
    if (!in) return false;
    for (int i = 0; i < in->ndeps; i++) {
        Symbol *d = in->deps[i];
        bool was = false;
        for (int j = 0; j < *nseen; j++)
            if (seen[j] == d) was = true;
        if (was) continue;
        if (*nseen < 4096) seen[(*nseen)++] = d;
        if (d->kind == SYM_VAR) {
            for (int k = 0; k < nvars; k++)
                if (vars[k] == d && !done_of[k] && vars[k]->decl != self->decl) return true;
        } else if (d->kind == SYM_FUNC) {
            if (reaches_uninit(d, seen, nseen, done_of, vars, nvars, self)) return true;
        }
    }
    return false;
}

/* Whether s's initialiser reaches a variable of `spec` itself through
 * function bodies (var x = f() with f using x). */
static bool reaches_self(Symbol *s, Node *spec, Symbol **seen, int *nseen, int depth)
{
    ObjInfo *in = s->check_info;
    if (!in) return false;
    for (int i = 0; i < in->ndeps; i++) {
        Symbol *d = in->deps[i];
        if (d->kind == SYM_VAR && d->decl == spec && depth > 0) return true;
        if (d->kind != SYM_FUNC) continue;
        bool was = false;
        for (int j = 0; j < *nseen; j++)
            if (seen[j] == d) was = true;
        if (was || *nseen >= 4096) continue;
        seen[(*nseen)++] = d;
        if (reaches_self(d, spec, seen, nseen, depth + 1)) return true;
    }
    return false;
}

static void compute_inits(Checker *c, PkgState *ps)
{
    {
        Symbol **seen = GC_MALLOC(sizeof(Symbol *) * 4096);
        for (int i = 0; i < ps->nobjs; i++) {
            Symbol *v = ps->objs[i];
            if (v->kind != SYM_VAR) continue;
            int nseen = 0;
            if (reaches_self(v, v->decl, seen, &nseen, 0)) {
                c->file = ((ObjInfo *)v->check_info)->file;
                check_error(c, v->pos, "initialization cycle for %s", v->name);
                return;
            }
        }
    }
    Symbol **vars = GC_MALLOC(sizeof(Symbol *) * (size_t)(ps->nobjs + 1));
    int nvars = 0;
    for (int i = 0; i < ps->nobjs; i++)
        if (ps->objs[i]->kind == SYM_VAR) vars[nvars++] = ps->objs[i];
    bool *done = GC_MALLOC((size_t)(nvars + 1));
    Symbol **seen = GC_MALLOC(sizeof(Symbol *) * 4096);
    int ndone = 0;
    while (ndone < nvars) {
        int pick = -1;
        for (int i = 0; i < nvars && pick < 0; i++) {
            if (done[i]) continue;
            int nseen = 0;
            if (!reaches_uninit(vars[i], seen, &nseen, done, vars, nvars, vars[i])) pick = i;
        }
        if (pick < 0) {
            for (int i = 0; i < nvars; i++)
                if (!done[i]) {
                    c->file = ((ObjInfo *)vars[i]->check_info)->file;
                    check_error(c, vars[i]->pos, "initialization cycle for %s", vars[i]->name);
                    return;
                }
        }
        /* the whole spec initialises together */
        Node *spec = vars[pick]->decl;
        for (int i = 0; i < nvars; i++)
            if (vars[i]->decl == spec && !done[i]) {
                done[i] = true;
                ndone++;
            }
        nodelist_push(&c->pkg->inits, spec);
    }
}

/* Checks one function body with its own scope of parameters/results. */
static void check_funcdecl_body(Checker *c, Node *fd, Scope *fscope, const char *file)
{
    Symbol *s = fd->u.funcdecl.sym;
    if (!fd->u.funcdecl.body || !s->type || is_invalid(s->type)) return;
    c->scope = fscope;
    c->file = file;
    c->decl_sym = s;
    Scope *sc = scope_new(fscope, fd);
    if (fd->u.funcdecl.recv) {
        NodeList *rn = &fd->u.funcdecl.recv->u.field.names;
        if (rn->len) {
            Node *id = rn->items[0];
            Symbol *v = symbol_new(SYM_VAR, id->u.ident.name, id->pos);
            v->type = s->recv ? s->recv : t_invalid;
            v->param = true;
            v->used = true;
            v->owner = fd;
            v->decl = fd;
            v->pkg = c->pkg;
            id->u.ident.sym = v;
            check_declare(c, sc, v);
        }
    }
    check_func_body(c, fd, fd->u.funcdecl.body, s->type, sc);
    c->decl_sym = NULL;
    nodelist_push(&c->pkg->funcs, fd);
}

static void check_script_body(Checker *c, Node *file);

static void check_package_files(Checker *c, Package *p)
{
    const char *saved_msg_pkg = msg_pkg;
    msg_pkg = p->path;
    PkgState ps;
    memset(&ps, 0, sizeof ps);
    Scope **fscopes = GC_MALLOC(sizeof(Scope *) * (size_t)(p->files.len + 1));
    /* 1. collect */
    for (int f = 0; f < p->files.len; f++) {
        Node *file = p->files.items[f];
        c->file = file->u.file.filename;
        fscopes[f] = scope_new(p->scope, NULL);
        c->scope = fscopes[f];
        for (int i = 0; i < file->u.file.decls.len; i++) {
            Node *d = file->u.file.decls.items[i];
            if (d->kind == AST_GENDECL) collect_gendecl(c, &ps, d);
            else if (d->kind == AST_FUNCDECL) collect_funcdecl(c, &ps, d);
        }
    }
    /* 2. types, 3. methods and promotion */
    for (int i = 0; i < ps.nobjs; i++)
        if (ps.objs[i]->kind == SYM_TYPE) check_resolve_obj(c, ps.objs[i]);
    types_complete();
    for (int i = 0; i < ps.nmethods; i++) declare_method(c, &ps.methods[i], ps.methods);
    for (int i = 0; i < ps.nobjs; i++)
        if (ps.objs[i]->kind == SYM_TYPE && ps.objs[i]->type && ps.objs[i]->type->name)
            promote_methods(c, ps.objs[i]->type);
    /* 4. consts, vars, func signatures */
    for (int i = 0; i < ps.nobjs; i++) check_resolve_obj(c, ps.objs[i]);
    /* 5. bodies (a script's statements first: they declare the globals
     * its functions may use) */
    for (int f = 0; f < p->files.len; f++) {
        Node *file = p->files.items[f];
        if (p->is_script) {
            c->scope = p->scope;
            c->file = file->u.file.filename;
            check_script_body(c, file);
        }
    }
    for (int f = 0; f < p->files.len; f++) {
        Node *file = p->files.items[f];
        for (int i = 0; i < file->u.file.decls.len; i++) {
            Node *d = file->u.file.decls.items[i];
            if (d->kind == AST_FUNCDECL) {
                Symbol *s = d->u.funcdecl.sym;
                check_funcdecl_body(c, d, ((ObjInfo *)s->check_info)->scope,
                                    ((ObjInfo *)s->check_info)->file);
            }
        }
    }
    /* function literals in source order (package-level initialisers are
     * checked lazily, so the checking order may differ) */
    for (int i = 1; i < p->funclits.len; i++)
        for (int j = i; j > 0; j--) {
            Node *a = p->funclits.items[j - 1], *b = p->funclits.items[j];
            if (a->pos.line < b->pos.line ||
                (a->pos.line == b->pos.line && a->pos.col <= b->pos.col))
                break;
            p->funclits.items[j - 1] = b;
            p->funclits.items[j] = a;
        }
    /* 6. init order */
    if (!p->is_script) compute_inits(c, &ps);
    /* 7. unused imports */
    if (!p->is_script && !c->is_std)
        for (int f = 0; f < p->files.len; f++) {
            c->file = p->files.items[f]->u.file.filename;
            Scope *s = fscopes[f];
            for (int i = 0; i < s->len; i++)
                if (s->syms[i]->kind == SYM_PKG && !s->syms[i]->used) {
                    Symbol *ps2 = s->syms[i];
                    Node *spec = ps2->decl;
                    if (spec->u.importspec.name && strcmp(ps2->name, ps2->pkg->name) != 0)
                        check_error(c, spec->pos, "\"%s\" imported as %s and not used",
                                    ps2->pkg->path, ps2->name);
                    else
                        check_error(c, spec->pos, "\"%s\" imported and not used",
                                    ps2->pkg->path);
                }
        }
    msg_pkg = saved_msg_pkg;
}

/* A script: top-level statements form the script's body; variables
 * declared directly at top level are package-level globals. Function
 * declarations were checked before, so they see every global by name
 * (the scope is the package scope, filled as statements declare). */
static void check_script_body(Checker *c, Node *file)
{
    FuncCtx fc = {.node = file, .funclit = NULL, .sig = type_func(NULL, 0, NULL, 0, false)};
    c->fn = &fc;
    c->scope = c->pkg->scope;
    check_stmt_list(c, &file->u.file.stmts);
    c->fn = NULL;
}

/* The universe is shared by every program (it is never modified after
 * construction), built once. */
static pthread_once_t universe_once = PTHREAD_ONCE_INIT;
static void universe_init(void)
{
    t_invalid = type_basic[KIND_INVALID];
    universe_scope = make_universe();
}

static int diag_cmp(const void *a, const void *b)
{
    const Diag *x = a, *y = b;
    if (!x->filename || !y->filename) return (x->filename == NULL) - (y->filename == NULL);
    int fc = strcmp(x->filename, y->filename);
    if (fc) return fc;
    if (x->pos.line != y->pos.line) return x->pos.line - y->pos.line;
    return x->pos.col - y->pos.col;
}

/* The main package (or script) and, through imports, every package. */
static void check_main(Checker *c, Program *prog, Node **files, int nfiles, Diags *diags)
{
    Package *p = GC_MALLOC(sizeof *p);
    p->path = "main";
    p->name = "main";
    p->scope = scope_new(universe_scope, NULL);
    for (int i = 0; i < nfiles; i++) {
        nodelist_push(&p->files, files[i]);
        if (!files[i]->u.file.package) p->is_script = true;
    }
    if (nfiles && files[0]->u.file.package)
        p->name = files[0]->u.file.package->u.ident.name;
    c->pkg = p;
    prog->main = p;
    if (!p->is_script && strcmp(p->name, "main") != 0) {
        c->file = files[0]->u.file.filename;
        check_error(c, files[0]->u.file.package->pos,
                    "package %s is not a main package", p->name);
    }
    check_package_files(c, p);
    if (!p->is_script && strcmp(p->name, "main") == 0) {
        Symbol *m = scope_lookup_local(p->scope, "main");
        if (!m || m->kind != SYM_FUNC) {
            c->file = nfiles ? files[0]->u.file.filename : NULL;
            if (c->nerrors == 0)
                diags_add(diags, NULL, (Pos){0, 0},
                          "function main is undeclared in the main package");
            c->nerrors++;
        } else {
            prog->main_func = m;
        }
    }
    program_add(c, p);
}

Program *check_program(Node **files, int nfiles, Diags *diags)
{
    types_init();
    pthread_once(&universe_once, universe_init);
    Checker *c = GC_MALLOC(sizeof *c);
    c->diags = diags;
    c->universe = universe_scope;
    c->iota = -1;
    Program *prog = GC_MALLOC(sizeof *prog);
    c->prog = prog;
    int start = diags->len;
    if (setjmp(c->bail) == 0) {
        check_main(c, prog, files, nfiles, diags);
    }
    /* Go prints errors sorted by position */
    if (diags->len - start > 1)
        qsort(diags->items + start, (size_t)(diags->len - start), sizeof(Diag), diag_cmp);
    if (c->nerrors || diags->len > start) return NULL;
    return prog;
}
