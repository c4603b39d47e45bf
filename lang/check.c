/* check.c — the checker's frame: diagnostics, scopes and the universe,
 * packages and imports, package-level declarations (collected first, then
 * resolved lazily with cycle detection), method declarations, and the
 * package-level variable initialisation order.
 *
 * Type expressions and method sets are in check_type.c, expressions in
 * check_expr.c/check_lit.c, calls in check_call.c, statements in
 * check_stmt.c/check_assign.c, constant arithmetic in const.c. The checker
 * never runs code and never touches the runtime's scheduler.
 */
#include <gc.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_impl.h"
#include "importer.h"

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
    /* Go's compiler drops only repeats of the same message on a line
     * (base.ErrorfAt); different errors on one line are all reported,
     * "x declared and not used" beside the error in its initializer */
    for (int i = 0; i < c->diags->len; i++) {
        Diag *d = &c->diags->items[i];
        if (d->pos.line == pos.line && d->filename && c->file &&
            strcmp(d->filename, c->file) == 0 && strcmp(d->msg, tmp) == 0)
            return;
    }
    diags_add(c->diags, c->file, pos, "%s", tmp);
    c->nerrors++;
}

/* The package being checked, for qualifying foreign types in messages. */
static __thread const char *msg_pkg;

const char *check_swap_msg_pkg(const char *pkg)
{
    const char *old = msg_pkg;
    msg_pkg = pkg;
    return old;
}

const char *tstr(const Type *t)
{
    char *buf = GC_MALLOC_ATOMIC(256);
    const char *pkg = msg_pkg ? msg_pkg : "main";
    type_string_rel(t, pkg, buf, 256);
    if (!strchr(buf, '['))
        return buf;
    /* An instance's name spells its type arguments as %T does
     * ("Stack[main.Point]"); messages leave this package's unqualified
     * ("Stack[Point]"), as everywhere else. */
    size_t pl = strlen(pkg);
    char *out = GC_MALLOC_ATOMIC(256);
    char *w = out;
    char prev = 0; /* the character before r in buf */
    for (const char *r = buf; *r;) {
        bool start = !(prev == '_' || prev == '.' || prev == '/' || (prev >= 'a' && prev <= 'z') ||
                       (prev >= 'A' && prev <= 'Z') || (prev >= '0' && prev <= '9'));
        if (start && strncmp(r, pkg, pl) == 0 && r[pl] == '.') {
            prev = '.';
            r += pl + 1;
            continue;
        }
        prev = *r;
        *w++ = *r++;
    }
    *w = 0;
    return out;
}

/* A defined type still being resolved (no underlying type yet) is not
 * invalid: it is only incomplete. */
bool is_invalid(const Type *t)
{
    return !t || (t->kind == KIND_INVALID && t->underlying);
}

Type *under(const Type *t)
{
    if (!t)
        return t_invalid;
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

/* Scopes up to this many symbols are searched linearly (most blocks);
 * bigger ones get a hash index. */
#define SCOPE_LINEAR 16

static uint64_t scope_hash(const char *name)
{
    uint64_t h = 1469598103934665603u; /* FNV-1a */
    for (const unsigned char *p = (const unsigned char *)name; *p; p++)
        h = (h ^ *p) * 1099511628211u;
    return h;
}

/* Puts sym in the index; a later symbol of the same name replaces the
 * earlier, as the linear search from the end finds it. */
static void scope_tab_put(Symbol **tab, int cap, Symbol *sym)
{
    uint64_t i = scope_hash(sym->name) & (uint64_t)(cap - 1);
    while (tab[i] && strcmp(tab[i]->name, sym->name) != 0)
        i = (i + 1) & (uint64_t)(cap - 1);
    tab[i] = sym;
}

Symbol *scope_lookup_local(Scope *s, const char *name)
{
    if (s->tab) {
        uint64_t i = scope_hash(name) & (uint64_t)(s->tabcap - 1);
        for (Symbol *sym; (sym = s->tab[i]); i = (i + 1) & (uint64_t)(s->tabcap - 1))
            if (strcmp(sym->name, name) == 0)
                return sym;
        return NULL;
    }
    for (int i = s->len - 1; i >= 0; i--)
        if (strcmp(s->syms[i]->name, name) == 0)
            return s->syms[i];
    return NULL;
}

Symbol *scope_lookup(Scope *s, const char *name)
{
    for (; s; s = s->parent) {
        Symbol *sym = scope_lookup_local(s, name);
        if (sym)
            return sym;
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
        if (s->len)
            memcpy(n, s->syms, (size_t)s->len * sizeof *n);
        s->syms = n;
    }
    s->syms[s->len++] = sym;
    if (s->len <= SCOPE_LINEAR)
        return;
    if (s->tab == NULL || 2 * s->len > s->tabcap) {
        /* (re)build at a load of at most a half */
        int cap = s->tabcap ? s->tabcap * 2 : 64;
        while (2 * s->len > cap)
            cap *= 2;
        s->tab = GC_MALLOC((size_t)cap * sizeof *s->tab);
        s->tabcap = cap;
        for (int i = 0; i < s->len; i++)
            scope_tab_put(s->tab, cap, s->syms[i]);
    } else {
        scope_tab_put(s->tab, s->tabcap, sym);
    }
}

void check_declare(Checker *c, Scope *s, Symbol *sym)
{
    if (strcmp(sym->name, "_") == 0)
        return;
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
        KIND_BOOL,    KIND_INT,     KIND_INT8,      KIND_INT16,      KIND_INT32,  KIND_INT64,
        KIND_UINT,    KIND_UINT8,   KIND_UINT16,    KIND_UINT32,     KIND_UINT64, KIND_UINTPTR,
        KIND_FLOAT32, KIND_FLOAT64, KIND_COMPLEX64, KIND_COMPLEX128, KIND_STRING};
    for (size_t i = 0; i < sizeof basics / sizeof basics[0]; i++)
        universe_type(u, type_basic[basics[i]]->name, type_basic[basics[i]]);
    universe_type(u, "byte", type_basic[KIND_UINT8]);
    universe_type(u, "rune", type_basic[KIND_INT32]);
    universe_type(u, "error", type_error);
    universe_type(u, "any", type_any);
    {
        /* comparable: a constraint whose type set needs == */
        TypeSet *ts = GC_MALLOC_UNCOLLECTABLE(sizeof *ts);
        memset(ts, 0, sizeof *ts);
        ts->comparable = true;
        Type *ct = typeset_iface(type_interface(NULL, 0), ts);
        Type *named = type_named("comparable", NULL, ct);
        universe_type(u, "comparable", named);
    }
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
#define X(b, str)                                                                                  \
    s = symbol_new(SYM_BUILTIN, str, (Pos){0, 0});                                                 \
    s->builtin = BUILTIN_##b;                                                                      \
    scope_add(u, s);
    BUILTINS(X)
#undef X
    return u;
}

/* ---- package-level objects ---- */

/* Deps up to this many are searched linearly, then through dset. */
#define DEPS_LINEAR 16

static inline uint64_t ptr_hash(const void *p)
{
    uint64_t x = (uint64_t)(uintptr_t)p;
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdu;
    x ^= x >> 33;
    return x;
}

/* Puts `to` in the set unless there; whether it was new. */
static bool dset_put(Symbol **set, int cap, Symbol *to)
{
    uint64_t m = (uint64_t)cap - 1, i = ptr_hash(to) & m;
    for (; set[i]; i = (i + 1) & m)
        if (set[i] == to)
            return false;
    set[i] = to;
    return true;
}

static void add_dep(Symbol *from, Symbol *to)
{
    ObjInfo *fi = info_of(from);
    if (!fi || from == to)
        return;
    if (fi->dset) {
        if (2 * (fi->ndeps + 1) > fi->dsetcap) {
            int cap = fi->dsetcap * 2;
            Symbol **set = GC_MALLOC((size_t)cap * sizeof *set);
            for (int i = 0; i < fi->ndeps; i++)
                dset_put(set, cap, fi->deps[i]);
            fi->dset = set;
            fi->dsetcap = cap;
        }
        if (!dset_put(fi->dset, fi->dsetcap, to))
            return;
    } else {
        for (int i = 0; i < fi->ndeps; i++)
            if (fi->deps[i] == to)
                return;
        if (fi->ndeps + 1 > DEPS_LINEAR) {
            fi->dsetcap = 4 * DEPS_LINEAR;
            fi->dset = GC_MALLOC((size_t)fi->dsetcap * sizeof *fi->dset);
            for (int i = 0; i < fi->ndeps; i++)
                dset_put(fi->dset, fi->dsetcap, fi->deps[i]);
            dset_put(fi->dset, fi->dsetcap, to);
        }
    }
    if (fi->ndeps == fi->capdeps) {
        fi->capdeps = fi->capdeps ? fi->capdeps * 2 : 4;
        Symbol **n = GC_MALLOC((size_t)fi->capdeps * sizeof *n);
        if (fi->ndeps)
            memcpy(n, fi->deps, (size_t)fi->ndeps * sizeof *n);
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
    if (!in || in->state == 2)
        return;
    if (in->state == 1) {
        if (sym->kind == SYM_VAR || sym->kind == SYM_CONST) {
            check_error(c, sym->pos, "initialization cycle for %s", sym->name);
            sym->type = t_invalid;
            if (sym->kind == SYM_CONST && !sym->cv)
                sym->cv = cv_int(0);
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
    case SYM_TYPE:
        resolve_typespec(c, sym);
        break;
    case SYM_CONST:
    case SYM_VAR:
        resolve_valuespec(c, sym);
        break;
    case SYM_FUNC:
        resolve_func(c, sym);
        break;
    default:
        break;
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
    if (sym->pkg)
        sym->used = true; /* universe symbols are shared: never written */
    if (sym->check_info) {
        check_resolve_obj(c, sym);
        if (c->decl_sym && sym->pkg == c->pkg && (sym->kind == SYM_VAR || sym->kind == SYM_FUNC))
            add_dep(c->decl_sym, sym);
    }
}

static void resolve_typespec(Checker *c, Symbol *sym)
{
    Node *spec = info_of(sym)->spec;
    if (sym->generic)
        return; /* only its instances are types */
    check_in_typedecl++;
    Symbol *saved_cur = check_cur_typedecl;
    check_cur_typedecl = sym;
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
    check_cur_typedecl = saved_cur;
    check_in_typedecl--;
}

static void resolve_valuespec(Checker *c, Symbol *sym)
{
    ObjInfo *in = info_of(sym);
    Node *spec = in->spec;
    bool is_const = sym->kind == SYM_CONST;
    /* the whole spec is checked at once: mark its other names resolving */
    Symbol *saved = c->decl_sym;
    if (!is_const)
        c->decl_sym = sym;
    check_valuespec(c, spec, is_const, true);
    c->decl_sym = saved;
    /* share dependencies among the spec's names */
    for (int i = 0; i < spec->u.valuespec.names.len; i++) {
        Symbol *o = spec->u.valuespec.names.items[i]->u.ident.sym;
        if (o && o != sym && o->check_info) {
            info_of(o)->state = 2;
            for (int j = 0; j < in->ndeps; j++)
                add_dep(o, in->deps[j]);
        }
    }
}

static void resolve_func(Checker *c, Symbol *sym)
{
    Node *fd = info_of(sym)->spec;
    if (sym->generic) {
        /* only its instances have signatures */
        sym->type = type_func(NULL, 0, NULL, 0, false);
        return;
    }
    sym->type = check_signature(c, fd->u.funcdecl.type, NULL, NULL);
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
        if (ps->nobjs)
            memcpy(n, ps->objs, (size_t)ps->nobjs * sizeof *n);
        ps->objs = n;
    }
    ps->objs[ps->nobjs++] = s;
}

static void declare_pkg(Checker *c, Symbol *s)
{
    if (strcmp(s->name, "_") == 0)
        return;
    if (strcmp(s->name, "init") == 0 && s->kind == SYM_FUNC)
        return;
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

/* Records that p imports q (for the packages' initialisation order). */
static void add_import(Package *p, Package *q)
{
    for (int i = 0; i < p->nimports; i++)
        if (p->imports[i] == q)
            return;
    Package **n = GC_MALLOC(sizeof *n * (size_t)(p->nimports + 1));
    if (p->nimports)
        memcpy(n, p->imports, sizeof *n * (size_t)p->nimports);
    n[p->nimports++] = q;
    p->imports = n;
}

Symbol *check_lookup_pkg(Checker *c, const char *name, Pos pos)
{
    Symbol *s = scope_lookup(c->scope, name);
    if (s)
        return s->kind == SYM_PKG ? s : NULL;
    if (!c->pkg->is_script)
        return NULL;
    /* scripts use standard packages by name without importing them */
    const char *path = c->imp->find_by_name ? c->imp->find_by_name(c->imp->ctx, name) : NULL;
    if (!path)
        return NULL;
    Package *p = import_package(c, path, pos);
    if (!p)
        return NULL;
    add_import(c->pkg, p);
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
    if (!p)
        return;
    add_import(c->pkg, p);
    const char *name = p->name;
    Node *nn = spec->u.importspec.name;
    if (nn) {
        name = nn->u.ident.name;
        if (strcmp(name, ".") == 0) {
            check_error(c, nn->pos, "not supported yet: dot imports");
            return;
        }
        if (strcmp(name, "_") == 0)
            return;
    }
    Symbol *s = symbol_new(SYM_PKG, name, nn ? nn->pos : pn->pos);
    s->pkg = p;
    s->decl = spec;
    if (c->pkg->is_script)
        s->used = true;
    /* a script's statements are checked in its package scope: its
     * imports are visible there */
    Scope *into = c->pkg->is_script ? c->pkg->scope : c->scope;
    Symbol *old = scope_lookup_local(into, name);
    if (old) {
        check_error(c, s->pos, "%s redeclared in this block", name);
        return;
    }
    scope_add(into, s);
}

static void collect_gendecl(Checker *c, PkgState *ps, Node *d)
{
    for (int i = 0; i < d->u.gendecl.specs.len; i++) {
        Node *spec = d->u.gendecl.specs.items[i];
        switch (d->u.gendecl.tok) {
        case TOK_IMPORT:
            collect_import(c, spec);
            break;
        case TOK_TYPE: {
            Node *nm = spec->u.typespec.name;
            Symbol *s = symbol_new(SYM_TYPE, nm->u.ident.name, nm->pos);
            s->pkg = c->pkg;
            s->decl = spec;
            s->check_info = new_info(c, spec, 0);
            if (!spec->u.typespec.alias)
                s->type = type_named(s->name, c->pkg->path, NULL);
            nm->u.ident.sym = s;
            if (spec->u.typespec.tparams.len)
                gen_collect_type(c, s, spec);
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
                Symbol *s = symbol_new(is_const ? SYM_CONST : SYM_VAR, nm->u.ident.name, nm->pos);
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
        default:
            break;
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
        /* `//csp:foreign LIB [SYMBOL]` on the line above: a C function
         * called through libffi (runtime/foreign.c) */
        Node *file = c->file_node;
        for (int i = 0; file && i < file->u.file.ndirectives; i++) {
            const Directive *d = &file->u.file.directives[i];
            if (d->line == fd->pos.line - 1 && !strncmp(d->text, "foreign ", 8))
                s->foreign = d->text + 8;
        }
        if (!s->foreign)
            check_error(c, nm->pos, "missing function body");
        else if (fd->u.funcdecl.recv)
            check_error(c, nm->pos, "not supported yet: foreign method %s", nm->u.ident.name);
    }
    if (fd->u.funcdecl.recv && fd->u.funcdecl.recv->u.field.type) {
        Node *tn = unparen(fd->u.funcdecl.recv->u.field.type);
        if (tn->kind == AST_STAR)
            tn = unparen(tn->u.star.x);
        if (tn->kind == AST_INDEX) {
            gen_collect_method(c, fd); /* a method of a generic type */
            return;
        }
    }
    if (fd->u.funcdecl.tparams.len && !fd->u.funcdecl.recv)
        gen_collect_func(c, s, fd);
    if (fd->u.funcdecl.recv) {
        if (ps->nmethods == ps->capmethods) {
            ps->capmethods = ps->capmethods ? ps->capmethods * 2 : 8;
            MethodDecl *n = GC_MALLOC((size_t)ps->capmethods * sizeof *n);
            if (ps->nmethods)
                memcpy(n, ps->methods, (size_t)ps->nmethods * sizeof *n);
            ps->methods = n;
        }
        ps->methods[ps->nmethods++] = (MethodDecl){fd, c->scope, c->file};
        return;
    }
    if (strcmp(s->name, "init") == 0 || strcmp(s->name, "main") == 0) {
        if (fd->u.funcdecl.type->u.functype.params.len ||
            fd->u.funcdecl.type->u.functype.results.len)
            check_error(c, nm->pos, "func %s must have no arguments and no return values", s->name);
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
    while (tn->kind == AST_PAREN)
        tn = tn->u.paren.x;
    bool ptr = false;
    if (tn->kind == AST_STAR) {
        ptr = true;
        tn = tn->u.star.x;
        while (tn->kind == AST_PAREN)
            tn = tn->u.paren.x;
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
    if (tn->kind != AST_IDENT || !T->name || T->pkg != c->pkg->path || !tn->u.ident.sym ||
        tn->u.ident.sym->pkg != c->pkg) {
        check_error(c, recv->pos, "cannot define new methods on non-local type %s", tstr(T));
        s->recv = t_invalid;
        return;
    }
    if (T->kind == KIND_POINTER || T->kind == KIND_INTERFACE) {
        check_error(c, tn->pos, "invalid receiver type %s (pointer or interface type)", tstr(T));
        s->recv = t_invalid;
        return;
    }
    s->recv = ptr ? type_pointer(T) : T;
    const char *name = s->name;
    if (strcmp(name, "_") == 0)
        return;
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

/* Appends a fully checked package: imports are added before importers. */
static void program_add(Checker *c, Package *p)
{
    Program *pr = c->prog;
    Package **n = GC_MALLOC((size_t)(pr->npkgs + 1) * sizeof *n);
    if (pr->npkgs)
        memcpy(n, pr->pkgs, (size_t)pr->npkgs * sizeof *n);
    n[pr->npkgs++] = p;
    pr->pkgs = n;
}

static void check_package_files(Checker *c, Package *p);

/* The base name of a file, for Go's "found packages" message. */
static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* Go's message for files of one directory that disagree on their package
 * clause (or a script among a package's files), or NULL when they agree. */
static const char *mixed_packages(Node **files, int n, const char *dir)
{
    for (int i = 1; i < n; i++) {
        Node *p0 = files[0]->u.file.package, *pi = files[i]->u.file.package;
        const char *f0 = base_name(files[0]->u.file.filename);
        const char *fi = base_name(files[i]->u.file.filename);
        if (!p0 != !pi)
            return check_fmt("found a script (%s) and package %s (%s): a script is a "
                             "program of its own",
                             p0 ? fi : f0, p0 ? p0->u.ident.name : pi->u.ident.name, p0 ? f0 : fi);
        if (p0 && strcmp(p0->u.ident.name, pi->u.ident.name) != 0)
            return check_fmt("found packages %s (%s) and %s (%s) in %s", p0->u.ident.name, f0,
                             pi->u.ident.name, fi, dir ? dir : ".");
    }
    return NULL;
}

/* Reports a failed import the way the go command does: before any type
 * checking of the importer, which then stops (check_package_files). */
static void import_failed(Checker *c, Pos pos, const char *msg)
{
    check_error(c, pos, "%s", msg);
    c->import_failed = true;
}

/* The import stack of a cycle as the go command prints it: every package
 * being loaded from main down, then `path` again. */
static void import_cycle(Checker *c, const char *path)
{
    char buf[2048];
    const char *root = c->imp->main_path ? c->imp->main_path : "command-line-arguments";
    int n = snprintf(buf, sizeof buf, "package %s", root);
    for (int i = 1; i < c->nloading && n < (int)sizeof buf; i++)
        n += snprintf(buf + n, sizeof buf - (size_t)n, "\n\timports %s", c->loading[i]->path);
    if (n < (int)sizeof buf)
        snprintf(buf + n, sizeof buf - (size_t)n, "\n\timports %s: import cycle not allowed", path);
    diags_add(c->diags, NULL, (Pos){0, 0}, "%s", buf);
    c->nerrors++;
    c->import_failed = true;
}

/* Imports are looked up per program, so each package is checked once per
 * program (a cache across programs would share Symbols between VMs); the
 * importer (importer.h) says where its files are. */
static Package *import_package(Checker *c, const char *path, Pos pos)
{
    for (int i = 0; i < c->prog->npkgs; i++)
        if (strcmp(c->prog->pkgs[i]->path, path) == 0)
            return c->prog->pkgs[i];
    for (int i = 0; i < c->nloading; i++)
        if (strcmp(c->loading[i]->path, path) == 0) {
            import_cycle(c, path);
            return NULL;
        }
    if (strcmp(path, "unsafe") == 0) {
        check_error(c, pos, "not supported yet: unsafe");
        return NULL;
    }
    if (c->nloading == CHECK_MAX_IMPORT_DEPTH) {
        import_failed(c, pos, check_fmt("imports nested too deeply: %s", path));
        return NULL;
    }
    ImportedPackage ip = {0};
    const char *err = c->imp->find(c->imp->ctx, c->pkg->path, path, &ip);
    if (err) {
        import_failed(c, pos, err);
        return NULL;
    }
    Diags pd = {0};
    Node **files = GC_MALLOC(sizeof(Node *) * (size_t)(ip.nfiles + 1));
    for (int i = 0; i < ip.nfiles; i++)
        files[i] = parse_file(ip.files[i].name, ip.files[i].src, ip.files[i].len, &pd);
    if (pd.len) {
        for (int i = 0; i < pd.len; i++)
            diags_add(c->diags, pd.items[i].filename, pd.items[i].pos, "%s", pd.items[i].msg);
        c->nerrors += pd.len;
        c->import_failed = true;
        return NULL;
    }
    const char *mixed = mixed_packages(files, ip.nfiles, ip.dir);
    if (mixed) {
        import_failed(c, pos, mixed);
        return NULL;
    }
    Node *pc = ip.nfiles ? files[0]->u.file.package : NULL;
    if (!ip.native && (!pc || strcmp(pc->u.ident.name, "main") == 0)) {
        import_failed(c, pos,
                      check_fmt("import \"%s\" is a program, not an importable package", path));
        return NULL;
    }
    Package *p = GC_MALLOC(sizeof *p);
    p->path = path;
    const char *slash = strrchr(path, '/');
    p->name = pc ? pc->u.ident.name : (slash ? slash + 1 : path);
    p->native = ip.native;
    p->scope = scope_new(c->universe, NULL);
    for (int i = 0; i < ip.nfiles; i++)
        nodelist_push(&p->files, files[i]);
    Checker saved = *c;
    c->pkg = p;
    c->is_std = ip.native;
    c->fn = NULL;
    c->targets = NULL;
    c->decl_sym = NULL;
    c->import_failed = false;
    c->loading[c->nloading++] = p;
    check_package_files(c, p);
    int nerr = c->nerrors;
    bool failed = c->import_failed;
    *c = saved;
    c->nerrors = nerr;
    if (failed) {
        /* the importer stops too, as the go command does */
        c->import_failed = true;
        return NULL;
    }
    program_add(c, p);
    return p;
}

/* Go's initialisation order: repeatedly the earliest variable (in
 * declaration order) whose dependencies are all initialised; a spec
 * (`var a, b = f()`) initialises as one. A variable depends on the
 * variables its initialiser names, directly or through the bodies of the
 * functions it names. Linear in the dependency graph: each variable's
 * dependencies are found once (an explicit stack, no recursion, marks
 * instead of seen-lists), then specs are released Kahn-style through a
 * min-heap of the ready ones by declaration order. */

/* A growable int array. */
typedef struct {
    int *v;
    int n, cap;
} IntVec;

static void intvec_push(IntVec *a, int x)
{
    if (a->n == a->cap) {
        a->cap = a->cap ? a->cap * 2 : 64;
        int *n = GC_MALLOC_ATOMIC((size_t)a->cap * sizeof *n);
        if (a->n)
            memcpy(n, a->v, (size_t)a->n * sizeof *n);
        a->v = n;
    }
    a->v[a->n++] = x;
}

/* The min-heap of ready spec numbers. */
static void heap_push(IntVec *h, int x)
{
    intvec_push(h, x);
    for (int i = h->n - 1; i > 0;) {
        int p = (i - 1) / 2;
        if (h->v[p] <= h->v[i])
            break;
        int t = h->v[p];
        h->v[p] = h->v[i];
        h->v[i] = t;
        i = p;
    }
}

static int heap_pop(IntVec *h)
{
    int top = h->v[0];
    h->v[0] = h->v[--h->n];
    for (int i = 0;;) {
        int l = 2 * i + 1, r = l + 1, m = i;
        if (l < h->n && h->v[l] < h->v[m])
            m = l;
        if (r < h->n && h->v[r] < h->v[m])
            m = r;
        if (m == i)
            break;
        int t = h->v[m];
        h->v[m] = h->v[i];
        h->v[i] = t;
        i = m;
    }
    return top;
}

static void compute_inits(Checker *c, PkgState *ps)
{
    /* number the specs in order of their first variable */
    Node **specs = GC_MALLOC(sizeof(Node *) * (size_t)(ps->nobjs + 1));
    int nspecs = 0;
    for (int i = 0; i < ps->nobjs; i++) {
        Symbol *v = ps->objs[i];
        ObjInfo *in = v->check_info;
        if (in)
            in->ord = -1, in->mark = 0;
    }
    for (int i = 0; i < ps->nobjs; i++) {
        Symbol *v = ps->objs[i];
        ObjInfo *in = v->check_info;
        if (v->kind != SYM_VAR || !in || in->ord >= 0)
            continue;
        in->ord = nspecs;
        /* the spec's other names share the number */
        if (v->decl && v->decl->kind == AST_VALUESPEC) {
            NodeList *names = &v->decl->u.valuespec.names;
            for (int j = 0; j < names->len; j++) {
                Symbol *o = names->items[j]->u.ident.sym;
                if (o && o->kind == SYM_VAR && o->check_info && o->decl == v->decl)
                    info_of(o)->ord = nspecs;
            }
        }
        specs[nspecs++] = v->decl;
    }
    /* each spec's dependencies on other specs, deduplicated by specmark */
    unsigned *specmark = GC_MALLOC_ATOMIC(sizeof(unsigned) * (size_t)(nspecs + 1));
    memset(specmark, 0, sizeof(unsigned) * (size_t)(nspecs + 1));
    IntVec efrom = {0}, eto = {0};
    Symbol **stack = NULL;
    int nstack = 0, capstack = 0;
    unsigned gen = 0;
    for (int i = 0; i < ps->nobjs; i++) {
        Symbol *v = ps->objs[i];
        ObjInfo *vin = v->check_info;
        if (v->kind != SYM_VAR || !vin)
            continue;
        int s = vin->ord;
        unsigned g = ++gen;
        nstack = 0;
        if (capstack == 0) {
            capstack = 256;
            stack = GC_MALLOC(sizeof(Symbol *) * (size_t)capstack);
        }
        stack[nstack++] = v;
        vin->mark = g;
        while (nstack > 0) {
            Symbol *x = stack[--nstack];
            ObjInfo *xin = x->check_info;
            bool via_func = x != v;
            for (int k = 0; k < xin->ndeps; k++) {
                Symbol *d = xin->deps[k];
                ObjInfo *din = d->check_info;
                if (!din)
                    continue;
                if (d->kind == SYM_VAR) {
                    if (din->ord == s) {
                        if (via_func) {
                            c->file = vin->file;
                            check_error(c, v->pos, "initialization cycle for %s", v->name);
                            return;
                        }
                        continue;
                    }
                    if (din->ord < 0)
                        continue;
                    /* one edge per pair of specs (a spec's names are
                     * consecutive; were they not, a duplicate edge would
                     * only be counted and released twice) */
                    if (specmark[din->ord] != (unsigned)s + 1u) {
                        specmark[din->ord] = (unsigned)s + 1u;
                        intvec_push(&efrom, din->ord);
                        intvec_push(&eto, s);
                    }
                } else if (d->kind == SYM_FUNC && din->mark != g) {
                    din->mark = g;
                    if (nstack == capstack) {
                        capstack *= 2;
                        Symbol **n = GC_MALLOC(sizeof(Symbol *) * (size_t)capstack);
                        memcpy(n, stack, sizeof(Symbol *) * (size_t)nstack);
                        stack = n;
                    }
                    stack[nstack++] = d;
                }
            }
        }
    }
    /* reverse edges (dependency -> dependents), compressed; in-degrees */
    int *start = GC_MALLOC_ATOMIC(sizeof(int) * (size_t)(nspecs + 1));
    int *indeg = GC_MALLOC_ATOMIC(sizeof(int) * (size_t)(nspecs + 1));
    memset(start, 0, sizeof(int) * (size_t)(nspecs + 1));
    memset(indeg, 0, sizeof(int) * (size_t)(nspecs + 1));
    for (int e = 0; e < efrom.n; e++) {
        start[efrom.v[e]]++;
        indeg[eto.v[e]]++;
    }
    for (int i = 0, sum = 0; i <= nspecs; i++) {
        int n = i < nspecs ? start[i] : 0;
        start[i] = sum;
        sum += n;
    }
    int *fill = GC_MALLOC_ATOMIC(sizeof(int) * (size_t)(nspecs + 1));
    memcpy(fill, start, sizeof(int) * (size_t)(nspecs + 1));
    int *adj = GC_MALLOC_ATOMIC(sizeof(int) * (size_t)(efrom.n + 1));
    for (int e = 0; e < efrom.n; e++)
        adj[fill[efrom.v[e]]++] = eto.v[e];
    IntVec ready = {0};
    for (int i = 0; i < nspecs; i++)
        if (indeg[i] == 0)
            heap_push(&ready, i);
    int emitted = 0;
    while (ready.n > 0) {
        int sp = heap_pop(&ready);
        emitted++;
        nodelist_push(&c->pkg->inits, specs[sp]);
        indeg[sp] = -1; /* done */
        for (int e = start[sp]; e < start[sp + 1]; e++)
            if (--indeg[adj[e]] == 0)
                heap_push(&ready, adj[e]);
    }
    if (emitted < nspecs) {
        for (int i = 0; i < ps->nobjs; i++) {
            Symbol *v = ps->objs[i];
            ObjInfo *in = v->check_info;
            if (v->kind == SYM_VAR && in && indeg[in->ord] >= 0) {
                c->file = in->file;
                check_error(c, v->pos, "initialization cycle for %s", v->name);
                return;
            }
        }
    }
}

/* Checks one function body with its own scope of parameters/results. */
void check_funcdecl_body(Checker *c, Node *fd, Scope *fscope, const char *file)
{
    Symbol *s = fd->u.funcdecl.sym;
    if (!fd->u.funcdecl.body || !s->type || is_invalid(s->type))
        return;
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
        c->file_node = file;
        for (int i = 0; i < file->u.file.decls.len; i++) {
            Node *d = file->u.file.decls.items[i];
            if (d->kind == AST_GENDECL)
                collect_gendecl(c, &ps, d);
            else if (d->kind == AST_FUNCDECL)
                collect_funcdecl(c, &ps, d);
        }
    }
    if (c->import_failed) {
        /* the go command reports import errors before compiling anything */
        msg_pkg = saved_msg_pkg;
        return;
    }
    gen_attach_methods(c);
    /* 2. types, 3. methods and promotion */
    for (int i = 0; i < ps.nobjs; i++)
        if (ps.objs[i]->kind == SYM_TYPE)
            check_resolve_obj(c, ps.objs[i]);
    types_complete();
    for (int i = 0; i < ps.nmethods; i++)
        declare_method(c, &ps.methods[i], ps.methods);
    for (int i = 0; i < ps.nobjs; i++)
        if (ps.objs[i]->kind == SYM_TYPE && ps.objs[i]->type && ps.objs[i]->type->name)
            check_promote_methods(c, ps.objs[i]->type);
    /* 4. consts, vars, func signatures */
    for (int i = 0; i < ps.nobjs; i++)
        check_resolve_obj(c, ps.objs[i]);
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
            if (d->kind == AST_FUNCDECL && d->u.funcdecl.sym) {
                Symbol *s = d->u.funcdecl.sym;
                check_funcdecl_body(c, d, ((ObjInfo *)s->check_info)->scope,
                                    ((ObjInfo *)s->check_info)->file);
            }
        }
    }
    /* the package's generic declarations, then the instances made so
     * far, by this package or earlier ones */
    gen_check_generic(c);
    gen_drain(c);
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
    if (!p->is_script)
        compute_inits(c, &ps);
    /* 7. unused imports */
    if (!p->is_script && !c->is_std)
        for (int f = 0; f < p->files.len; f++) {
            c->file = p->files.items[f]->u.file.filename;
            Scope *s = fscopes[f];
            gen_mark_imports(c, s, p->files.items[f]);
            for (int i = 0; i < s->len; i++)
                if (s->syms[i]->kind == SYM_PKG && !s->syms[i]->used) {
                    Symbol *ps2 = s->syms[i];
                    Node *spec = ps2->decl;
                    if (spec->u.importspec.name && strcmp(ps2->name, ps2->pkg->name) != 0)
                        check_error(c, spec->pos, "\"%s\" imported as %s and not used",
                                    ps2->pkg->path, ps2->name);
                    else
                        check_error(c, spec->pos, "\"%s\" imported and not used", ps2->pkg->path);
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
    check_script_stmts(c, &file->u.file.stmts);
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
    if (!x->filename || !y->filename)
        return (x->filename == NULL) - (y->filename == NULL);
    int fc = strcmp(x->filename, y->filename);
    if (fc)
        return fc;
    if (x->pos.line != y->pos.line)
        return x->pos.line - y->pos.line;
    return x->pos.col - y->pos.col;
}

/* Go 1.21's package initialisation order: repeatedly the package first by
 * import path whose imports are all initialised (main last, which imports
 * them all directly or not). Go lists only packages with initialisation
 * work; the native (standard) packages, whose initialisation nothing can
 * observe, go first in the order they were checked (imports before
 * importers), so that they never hold a program's packages back. prog->pkgs
 * holds every package after its imports already; this sorts it into that
 * order. */
static void order_packages(Program *prog)
{
    int n = prog->npkgs, k = 0;
    Package **out = GC_MALLOC(sizeof *out * (size_t)(n + 1));
    bool *done = GC_MALLOC((size_t)n + 1);
    for (int i = 0; i < n; i++)
        if (prog->pkgs[i]->native) {
            done[i] = true;
            out[k++] = prog->pkgs[i];
        }
    for (; k < n; k++) {
        int pick = -1;
        for (int i = 0; i < n; i++) {
            if (done[i] || prog->pkgs[i] == prog->main)
                continue;
            bool ready = true;
            for (int j = 0; j < prog->pkgs[i]->nimports && ready; j++)
                for (int q = 0; q < n; q++)
                    if (prog->pkgs[q] == prog->pkgs[i]->imports[j] && !done[q])
                        ready = false;
            if (ready && (pick < 0 || strcmp(prog->pkgs[i]->path, prog->pkgs[pick]->path) < 0))
                pick = i;
        }
        if (pick < 0) /* only main is left */
            for (int i = 0; i < n; i++)
                if (!done[i])
                    pick = i;
        done[pick] = true;
        out[k] = prog->pkgs[pick];
    }
    prog->pkgs = out;
}

/* The main package (or script) and, through imports, every package. */
static void check_main(Checker *c, Program *prog, Node **files, int nfiles, const char *dir,
                       Diags *diags)
{
    Package *p = GC_MALLOC(sizeof *p);
    p->path = "main";
    p->name = "main";
    p->scope = scope_new(universe_scope, NULL);
    for (int i = 0; i < nfiles; i++) {
        nodelist_push(&p->files, files[i]);
        if (!files[i]->u.file.package)
            p->is_script = true;
    }
    if (nfiles && files[0]->u.file.package)
        p->name = files[0]->u.file.package->u.ident.name;
    c->pkg = p;
    prog->main = p;
    const char *mixed = mixed_packages(files, nfiles, dir);
    if (mixed) {
        diags_add(diags, NULL, (Pos){0, 0}, "%s", mixed);
        c->nerrors++;
        return;
    }
    if (!p->is_script && strcmp(p->name, "main") != 0) {
        c->file = files[0]->u.file.filename;
        check_error(c, files[0]->u.file.package->pos, "package %s is not a main package", p->name);
    }
    c->loading[c->nloading++] = p;
    check_package_files(c, p);
    c->nloading--;
    if (c->import_failed)
        return;
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
    order_packages(prog);
}

static Program *check_program_here(Node **files, int nfiles, const char *dir,
                                   const Importer *imp, Diags *diags)
{
    types_init();
    pthread_once(&universe_once, universe_init);
    Checker *c = GC_MALLOC(sizeof *c);
    c->diags = diags;
    c->universe = universe_scope;
    c->iota = -1;
    c->imp = imp ? imp : importer_std();
    c->loading = GC_MALLOC(sizeof(Package *) * CHECK_MAX_IMPORT_DEPTH);
    Program *prog = GC_MALLOC(sizeof *prog);
    prog->importer = c->imp;
    c->prog = prog;
    int start = diags->len;
    if (setjmp(c->bail) == 0) {
        check_main(c, prog, files, nfiles, dir, diags);
        if (!c->import_failed)
            gen_finish(c);
    }
    /* Go prints errors sorted by position */
    if (diags->len - start > 1)
        qsort(diags->items + start, (size_t)(diags->len - start), sizeof(Diag), diag_cmp);
    if (c->nerrors || diags->len > start)
        return NULL;
    return prog;
}

/* 1 GiB: with the depth limits of check_expr.c, the deepest recursion of
 * any pass stays well inside it (see tests/lang/compile/long_chains). */
#define LANG_DEEP_STACK ((size_t)1 << 30)

typedef struct {
    void (*fn)(void *);
    void *arg;
    size_t stack;
} DeepCall;

__thread size_t lang_deep_stack_bytes;

static void *lang_deep_main(void *p)
{
    DeepCall *d = p;
    lang_deep_stack_bytes = d->stack;
    d->fn(d->arg);
    return NULL;
}

void lang_deep_call(void (*fn)(void *), void *arg)
{
    DeepCall d = {fn, arg, 0};
    /* the full stack, else (address space limited) a quarter, then a
     * sixteenth: the depth limit follows the stack obtained */
    for (size_t size = LANG_DEEP_STACK; size >= LANG_DEEP_STACK / 16; size /= 4) {
        pthread_attr_t attr;
        pthread_t th;
        if (pthread_attr_init(&attr) != 0)
            break;
        d.stack = size;
        bool ok = pthread_attr_setstacksize(&attr, size) == 0 &&
                  pthread_create(&th, &attr, lang_deep_main, &d) == 0; /* GC_pthread_create */
        pthread_attr_destroy(&attr);
        if (ok) {
            pthread_join(th, NULL);
            return;
        }
    }
    fn(arg); /* no thread at all: the shallow limits hold */
}

typedef struct {
    Node **files;
    int nfiles;
    const char *dir;
    const Importer *imp;
    Diags *diags;
    Program *prog;
} CheckCall;

static void check_program_deep(void *p)
{
    CheckCall *cc = p;
    cc->prog = check_program_here(cc->files, cc->nfiles, cc->dir, cc->imp, cc->diags);
}

Program *check_program_imp(Node **files, int nfiles, const char *dir, const Importer *imp,
                           Diags *diags)
{
    CheckCall cc = {files, nfiles, dir, imp, diags, NULL};
    lang_deep_call(check_program_deep, &cc);
    return cc.prog;
}

Program *check_program(Node **files, int nfiles, Diags *diags)
{
    return check_program_imp(files, nfiles, NULL, importer_std(), diags);
}
