/* check_generic.c — generics: type parameter lists, constraint type sets,
 * instantiation (explicit and inferred from call arguments) and the
 * instances themselves.
 *
 * The scheme is monomorphization (see check_impl.h): a generic
 * declaration is recorded when collected and never checked as such; each
 * distinct instantiation — the declaration plus identical type arguments
 * — gets its own copy of the declaration's tree, checked in a scope that
 * binds every type parameter name to its type argument, so in an instance
 * `T` simply is `int`. Instances are cached per declaration, so identical
 * instantiations share one function or one defined type. Function and
 * method instances are FUNCDECLs like any other: their bodies are checked
 * after the code that instantiated them (gen_drain) and they join their
 * file's decls at the end (gen_finish), so the compiler compiles them
 * without knowing generics exist.
 *
 * It must never hand the compiler a generic (uninstantiated) declaration:
 * their FUNCDECLs keep funcdecl.sym NULL, and their type symbols have no
 * type.
 */
#include <gc.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "check_impl.h"

/* ---- type sets of constraint interfaces ---- */

/* Constraint interfaces are distinct (not interned) types; their type sets
 * live here, indexed by type id (dense), shared by every checker in the
 * process like the types themselves. */
static TypeSet **ts_by_id;
static uint32_t ts_cap;
static pthread_mutex_t ts_lock = PTHREAD_MUTEX_INITIALIZER;

const TypeSet *typeset_of(const Type *t)
{
    if (!t)
        return NULL;
    t = t->underlying ? t->underlying : t;
    if (t->kind != KIND_INTERFACE)
        return NULL;
    pthread_mutex_lock(&ts_lock);
    TypeSet *ts = t->id < ts_cap ? ts_by_id[t->id] : NULL;
    pthread_mutex_unlock(&ts_lock);
    return ts;
}

Type *typeset_iface(Type *iface, TypeSet *ts)
{
    Type *t = type_interface_distinct(iface);
    if (ts->comparable)
        t->comparable = true;
    /* the set lives as long as its type (uncollectable) */
    TypeSet *keep = GC_MALLOC_UNCOLLECTABLE(sizeof *keep);
    *keep = *ts;
    if (ts->nterms) {
        keep->terms = GC_MALLOC_UNCOLLECTABLE(sizeof(TypeTerm) * (size_t)ts->nterms);
        memcpy(keep->terms, ts->terms, sizeof(TypeTerm) * (size_t)ts->nterms);
    }
    pthread_mutex_lock(&ts_lock);
    if (t->id >= ts_cap) {
        uint32_t cap = ts_cap ? ts_cap : 256;
        while (cap <= t->id)
            cap *= 2;
        TypeSet **n = GC_MALLOC_UNCOLLECTABLE(sizeof *n * cap);
        memset(n, 0, sizeof *n * cap);
        if (ts_cap)
            memcpy(n, ts_by_id, sizeof *n * ts_cap);
        GC_FREE(ts_by_id);
        ts_by_id = n;
        ts_cap = cap;
    }
    ts_by_id[t->id] = keep;
    pthread_mutex_unlock(&ts_lock);
    return t;
}

static void ts_add(TypeSet *ts, Type *t, bool tilde)
{
    TypeTerm *n = GC_MALLOC(sizeof(TypeTerm) * (size_t)(ts->nterms + 1));
    if (ts->nterms)
        memcpy(n, ts->terms, sizeof(TypeTerm) * (size_t)ts->nterms);
    n[ts->nterms++] = (TypeTerm){t, tilde};
    ts->terms = n;
}

/* Whether type t is in term (T or ~T). */
static bool term_has(const TypeTerm *term, const Type *t)
{
    if (term->tilde)
        return type_identical(under(t), under(term->type));
    return type_identical(t, term->type);
}

TypeSet *typeset_intersect(TypeSet *a, TypeSet *b)
{
    if (!a)
        return b;
    if (!b)
        return a;
    TypeSet *r = GC_MALLOC(sizeof *r);
    r->comparable = a->comparable || b->comparable;
    r->restricted = a->restricted || b->restricted;
    if (!a->restricted || !b->restricted) {
        TypeSet *x = a->restricted ? a : b;
        for (int i = 0; i < x->nterms; i++)
            ts_add(r, x->terms[i].type, x->terms[i].tilde);
        return r;
    }
    /* a term of a survives when b has it (a ~T term when b has ~T) */
    for (int i = 0; i < a->nterms; i++) {
        TypeTerm *ta = &a->terms[i];
        for (int j = 0; j < b->nterms; j++) {
            TypeTerm *tb = &b->terms[j];
            if (ta->tilde && tb->tilde && type_identical(under(ta->type), under(tb->type))) {
                ts_add(r, ta->type, true);
                break;
            }
            if (!ta->tilde && term_has(tb, ta->type)) {
                ts_add(r, ta->type, false);
                break;
            }
            if (ta->tilde && !tb->tilde && term_has(ta, tb->type))
                ts_add(r, tb->type, false);
        }
    }
    return r;
}

/* The terms of a union node into ts. */
static bool union_terms(Checker *c, Node *n, TypeSet *ts)
{
    n = unparen(n);
    if (n->kind == AST_BINARY && n->u.binary.op == TOK_OR)
        return union_terms(c, n->u.binary.x, ts) && union_terms(c, n->u.binary.y, ts);
    bool tilde = false;
    Node *tn = n;
    if (n->kind == AST_UNARY && n->u.unary.op == TOK_TILDE) {
        tilde = true;
        tn = n->u.unary.x;
    }
    Type *t = check_type(c, tn);
    if (is_invalid(t))
        return false;
    if (tilde && under(t) != t) {
        check_error(c, n->pos, "invalid use of ~ (underlying type of %s is %s)", tstr(t),
                    tstr(under(t)));
        return false;
    }
    if (!tilde && under(t)->kind == KIND_INTERFACE) {
        const TypeSet *e = typeset_of(t);
        if (e && e->restricted && !e->comparable) {
            for (int i = 0; i < e->nterms; i++)
                ts_add(ts, e->terms[i].type, e->terms[i].tilde);
            return true;
        }
        if (!e && under(t)->nmethods == 0) {
            ts->restricted = false; /* any: every type */
            return true;
        }
        check_error(c, tn->pos, "cannot use %s in union (%s contains methods)", tstr(t),
                    tstr(t));
        return false;
    }
    ts_add(ts, t, tilde);
    return true;
}

static TypeSet *union_of(Checker *c, Node *elem, Type **embedded);

TypeSet *check_union(Checker *c, Node *elem, Type **embedded)
{
    c->in_constraint++;
    TypeSet *ts = union_of(c, elem, embedded);
    c->in_constraint--;
    return ts;
}

static TypeSet *union_of(Checker *c, Node *elem, Type **embedded)
{
    Node *n = unparen(elem);
    *embedded = NULL;
    if ((n->kind == AST_BINARY && n->u.binary.op == TOK_OR) ||
        (n->kind == AST_UNARY && n->u.unary.op == TOK_TILDE)) {
        TypeSet *ts = GC_MALLOC(sizeof *ts);
        ts->restricted = true;
        if (!union_terms(c, n, ts))
            return NULL;
        return ts->restricted ? ts : NULL;
    }
    Type *t = check_type_direct(c, n, true);
    if (is_invalid(t))
        return NULL;
    if (under(t)->kind == KIND_INTERFACE) {
        *embedded = t;
        const TypeSet *e = typeset_of(t);
        if (!e)
            return NULL;
        TypeSet *r = GC_MALLOC(sizeof *r);
        *r = *e;
        return r;
    }
    TypeSet *ts = GC_MALLOC(sizeof *ts);
    ts->restricted = true;
    ts_add(ts, t, false);
    return ts;
}

static const char *terms_str(const TypeSet *ts)
{
    char buf[1024];
    size_t len = 0;
    buf[0] = 0;
    for (int i = 0; i < ts->nterms && len < sizeof buf - 64; i++)
        len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s%s", i ? " | " : "",
                                ts->terms[i].tilde ? "~" : "", tstr(ts->terms[i].type));
    return check_fmt("%s", buf);
}

/* ---- generic declarations ---- */

/* A method of a generic type (its receiver names the type parameters). */
typedef struct GenMethod {
    Node *fd;
    Scope *scope;
    const char *file;
    Node *file_node;
} GenMethod;

/* One instantiation. */
typedef struct Inst {
    Type **args;
    Symbol *sym; /* a function's instance */
    Type *type;  /* a type's instance */
    struct Inst *next;
} Inst;

typedef struct GenInfo {
    Symbol *sym;
    Node *decl;       /* FUNCDECL or TYPESPEC */
    NodeList tparams; /* FIELDs: names and constraint */
    int n;            /* number of type parameters */
    const char **names;
    Node **cons;      /* each parameter's constraint node */
    Scope *scope;     /* the file scope of the declaration */
    const char *file;
    Node *file_node;
    Package *pkg;
    bool is_std;
    GenMethod *methods;
    int nmethods;
    Inst *insts;
} GenInfo;

/* A function or method instance waiting for its body to be checked. */
typedef struct Pending {
    Node *fd;
    Scope *scope;
    const char *file;
    Node *file_node;
    Package *pkg;
    bool is_std;
    int depth;     /* instantiated from an instance's body this deep */
    bool tainted;  /* its type arguments mention a placeholder: checked,
                      never compiled (see gen_check_generic) */
} Pending;

/* A defined type made by instantiation: which declaration, which args
 * (for inference from arguments of such types). */
typedef struct InstType {
    Type *type;
    GenInfo *gi;
    Type **args;
} InstType;

struct GenState {
    Pending *pending;
    int npending, cappending;
    int next; /* first pending not yet checked */
    InstType *types;
    int ntypes, captypes;
    GenMethod *methods; /* methods of generic types, until attached */
    int nmethods, capmethods;
    int depth;          /* nested instantiations (runaway recursion):
                           signatures inside signatures, and bodies of
                           instances made by bodies of instances */
    Type **placeholders; /* stand-ins for type parameters (generic check) */
    const char **ph_cons; /* their constraints, as messages print them */
    int nplaceholders, capplaceholders;
};

static GenState *gen_state(Checker *c)
{
    if (!c->gen)
        c->gen = GC_MALLOC(sizeof(GenState));
    return c->gen;
}

static GenInfo *gen_new(Checker *c, Symbol *s, Node *decl, NodeList tparams)
{
    GenInfo *gi = GC_MALLOC(sizeof *gi);
    gi->sym = s;
    gi->decl = decl;
    gi->tparams = tparams;
    gi->scope = c->scope;
    gi->file = c->file;
    gi->file_node = c->file_node;
    gi->pkg = c->pkg;
    gi->is_std = c->is_std;
    for (int i = 0; i < tparams.len; i++)
        gi->n += tparams.items[i]->u.field.names.len;
    gi->names = GC_MALLOC(sizeof(char *) * (size_t)(gi->n + 1));
    gi->cons = GC_MALLOC(sizeof(Node *) * (size_t)(gi->n + 1));
    int k = 0;
    for (int i = 0; i < tparams.len; i++) {
        Node *f = tparams.items[i];
        for (int j = 0; j < f->u.field.names.len; j++) {
            gi->names[k] = f->u.field.names.items[j]->u.ident.name;
            gi->cons[k++] = f->u.field.type;
        }
    }
    s->generic = gi;
    return gi;
}

void gen_collect_func(Checker *c, Symbol *s, Node *fd)
{
    gen_new(c, s, fd, fd->u.funcdecl.tparams);
    fd->u.funcdecl.sym = NULL; /* never compiled itself */
}

void gen_collect_type(Checker *c, Symbol *s, Node *spec)
{
    gen_new(c, s, spec, spec->u.typespec.tparams);
    s->type = NULL;
    if (spec->u.typespec.alias)
        check_error(c, spec->u.typespec.name->pos, "generic type cannot be alias");
}

/* The receiver's base type expression (without * and parentheses). */
static Node *recv_base(Node *fd, bool *ptr)
{
    Node *tn = unparen(fd->u.funcdecl.recv->u.field.type);
    *ptr = false;
    if (tn->kind == AST_STAR) {
        *ptr = true;
        tn = unparen(tn->u.star.x);
    }
    return tn;
}

void gen_collect_method(Checker *c, Node *fd)
{
    GenState *g = gen_state(c);
    if (g->nmethods == g->capmethods) {
        g->capmethods = g->capmethods ? g->capmethods * 2 : 8;
        GenMethod *n = GC_MALLOC(sizeof *n * (size_t)g->capmethods);
        if (g->nmethods)
            memcpy(n, g->methods, sizeof *n * (size_t)g->nmethods);
        g->methods = n;
    }
    g->methods[g->nmethods++] = (GenMethod){fd, c->scope, c->file, c->file_node};
    fd->u.funcdecl.sym = NULL;
}

void gen_attach_methods(Checker *c)
{
    GenState *g = gen_state(c);
    for (int i = 0; i < g->nmethods; i++) {
        GenMethod *m = &g->methods[i];
        bool ptr;
        Node *base = recv_base(m->fd, &ptr);
        Node *x = unparen(base->u.index.x);
        c->file = m->file;
        Symbol *ts = x->kind == AST_IDENT ? scope_lookup(m->scope, x->u.ident.name) : NULL;
        if (!ts || ts->kind != SYM_TYPE || !ts->generic || ts->pkg != c->pkg) {
            if (!ts && x->kind == AST_IDENT)
                check_error(c, x->pos, "undefined: %s", x->u.ident.name);
            else
                check_error(c, base->pos, "invalid operation: %s (%s is not a generic type)",
                            expr_str(base), expr_str(x));
            continue;
        }
        GenInfo *gi = ts->generic;
        int nidx = base->u.index.indices.len ? base->u.index.indices.len : 1;
        if (nidx != gi->n) {
            check_error(c, base->pos, "%s type arguments for type %s: have %d, want %d",
                        nidx > gi->n ? "too many" : "not enough", ts->name, nidx, gi->n);
            continue;
        }
        GenMethod *n = GC_MALLOC(sizeof *n * (size_t)(gi->nmethods + 1));
        if (gi->nmethods)
            memcpy(n, gi->methods, sizeof *n * (size_t)gi->nmethods);
        n[gi->nmethods++] = *m;
        gi->methods = n;
    }
    g->nmethods = 0;
}

Symbol *gen_ref(Checker *c, Node *x)
{
    x = unparen(x);
    if (x->kind == AST_IDENT) {
        Symbol *s = scope_lookup(c->scope, x->u.ident.name);
        return s && s->generic ? s : NULL;
    }
    if (x->kind == AST_SELECTOR && x->u.selector.x->kind == AST_IDENT) {
        Symbol *p = check_lookup_pkg(c, x->u.selector.x->u.ident.name, x->u.selector.x->pos);
        if (!p || p->kind != SYM_PKG)
            return NULL;
        const char *nm = x->u.selector.sel->u.ident.name;
        if (!(nm[0] >= 'A' && nm[0] <= 'Z'))
            return NULL;
        Symbol *s = scope_lookup_local(p->pkg->scope, nm);
        if (s && s->generic) {
            p->used = true;
            return s;
        }
    }
    return NULL;
}

const char *gen_decl_str(Symbol *g)
{
    GenInfo *gi = g->generic;
    char buf[1024];
    size_t len = (size_t)snprintf(buf, sizeof buf, "%s[", g->name);
    for (int i = 0; i < gi->tparams.len && len < sizeof buf - 128; i++) {
        Node *f = gi->tparams.items[i];
        for (int j = 0; j < f->u.field.names.len; j++)
            len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s", i || j ? ", " : "",
                                    f->u.field.names.items[j]->u.ident.name);
        len += (size_t)snprintf(buf + len, sizeof buf - len, " %s", expr_str(f->u.field.type));
    }
    snprintf(buf + len, sizeof buf - len, "]");
    return check_fmt("%s", buf);
}

/* ---- instantiation ---- */

/* The checker's context, switched to a generic declaration's package and
 * file while an instance is made or checked. */
typedef struct Saved {
    Checker c;
    const char *msg_pkg;
} Saved;

static void enter(Checker *c, Saved *sv, Package *pkg, bool is_std, Scope *scope, const char *file)
{
    sv->c = *c;
    sv->msg_pkg = check_swap_msg_pkg(pkg->path);
    c->pkg = pkg;
    c->is_std = is_std;
    c->scope = scope;
    c->file = file;
    c->fn = NULL;
    c->targets = NULL;
    c->iota = -1;
    c->decl_sym = NULL;
}

static void leave(Checker *c, Saved *sv)
{
    int nerr = c->nerrors;
    GenState *g = c->gen;
    *c = sv->c;
    c->nerrors = nerr;
    c->gen = g;
    check_swap_msg_pkg(sv->msg_pkg);
}

/* A scope binding names[i] to args[i]. */
static Scope *bind_scope(Checker *c, Scope *parent, const char **names, Node **ids, Type **args,
                         int n)
{
    Scope *sc = scope_new(parent, NULL);
    for (int i = 0; i < n; i++) {
        if (!names[i] || strcmp(names[i], "_") == 0)
            continue;
        Symbol *s = symbol_new(SYM_TYPE, names[i], ids ? ids[i]->pos : (Pos){0, 0});
        s->type = args[i];
        s->pkg = c->pkg;
        s->used = true;
        check_declare(c, sc, s);
    }
    return sc;
}

static const char *args_str(Type **args, int n)
{
    char buf[1024];
    size_t len = 0;
    buf[0] = 0;
    for (int i = 0; i < n && len < sizeof buf - 300; i++) {
        char tb[256];
        type_string(args[i], true, tb, sizeof tb);
        len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s", i ? "," : "", tb);
    }
    return check_fmt("%s", buf);
}

static Inst *find_inst(GenInfo *gi, Type **args)
{
    for (Inst *in = gi->insts; in; in = in->next) {
        bool same = true;
        for (int i = 0; i < gi->n && same; i++)
            same = type_identical(in->args[i], args[i]);
        if (same)
            return in;
    }
    return NULL;
}

/* Whether arg satisfies constraint cons; reports Go's message at pos (in
 * the caller's file) when not. */
static bool satisfies(Checker *c, Type *arg, Type *cons, Node *cnode, Pos pos)
{
    if (is_invalid(arg) || is_invalid(cons))
        return true;
    const char *cname = cons->name ? tstr(cons) : expr_str(cnode);
    if (under(cons)->kind != KIND_INTERFACE) {
        /* [T int]: the single type */
        if (!type_identical(arg, cons)) {
            check_error(c, pos, "%s does not satisfy %s", tstr(arg), tstr(cons));
            return false;
        }
        return true;
    }
    const TypeSet *ts = typeset_of(cons);
    if (ts && ts->restricted) {
        bool in = false;
        for (int i = 0; i < ts->nterms && !in; i++)
            in = term_has(&ts->terms[i], arg);
        if (!in) {
            if (ts->nterms == 0)
                check_error(c, pos, "cannot satisfy %s (empty type set)", cname);
            else
                check_error(c, pos, "%s does not satisfy %s (%s missing in %s)", tstr(arg), cname,
                            tstr(arg), terms_str(ts));
            return false;
        }
    }
    if (ts && ts->comparable && !arg->comparable && under(arg)->kind != KIND_INTERFACE) {
        check_error(c, pos, "%s does not satisfy %s", tstr(arg), cname);
        return false;
    }
    const Type *ui = under(cons);
    if (ui->nmethods) {
        const char *missing = NULL;
        bool wrong = false;
        if (!type_implements(arg, ui, &missing, &wrong)) {
            if (wrong)
                check_error(c, pos, "%s does not satisfy %s (method %s has pointer receiver)",
                            tstr(arg), cname, missing ? missing : "?");
            else
                check_error(c, pos, "%s does not satisfy %s (missing method %s)", tstr(arg),
                            cname, missing ? missing : "?");
            return false;
        }
    }
    return true;
}

/* Evaluates the constraints with every parameter bound and checks each
 * argument. poss[i]: where to report argument i. */
static bool check_constraints(Checker *c, GenInfo *gi, Scope *sc, Type **args, Pos *poss)
{
    Saved sv;
    enter(c, &sv, gi->pkg, gi->is_std, sc, gi->file);
    c->in_constraint++;
    Type **cons = GC_MALLOC(sizeof(Type *) * (size_t)(gi->n + 1));
    Node **clones = GC_MALLOC(sizeof(Node *) * (size_t)(gi->n + 1));
    for (int i = 0; i < gi->n; i++) {
        Node *cn = ast_clone(gi->cons[i]);
        clones[i] = cn;
        Node *u = unparen(cn);
        if ((u->kind == AST_BINARY && u->u.binary.op == TOK_OR) ||
            (u->kind == AST_UNARY && u->u.unary.op == TOK_TILDE)) {
            Type *emb;
            TypeSet *ts = check_union(c, u, &emb);
            cons[i] = ts ? typeset_iface(type_interface(NULL, 0), ts) : type_any;
        } else {
            cons[i] = check_type(c, cn);
        }
    }
    c->in_constraint--;
    leave(c, &sv);
    bool ok = true;
    for (int i = 0; i < gi->n && ok; i++)
        ok = satisfies(c, args[i], cons[i], gi->cons[i], poss[i]);
    return ok;
}

static void add_pending(Checker *c, Node *fd, Scope *sc, const char *file, Node *file_node,
                        GenInfo *gi, bool tainted)
{
    GenState *g = gen_state(c);
    if (g->npending == g->cappending) {
        g->cappending = g->cappending ? g->cappending * 2 : 16;
        Pending *n = GC_MALLOC(sizeof *n * (size_t)g->cappending);
        if (g->npending)
            memcpy(n, g->pending, sizeof *n * (size_t)g->npending);
        g->pending = n;
    }
    g->pending[g->npending++] =
        (Pending){fd, sc, file, file_node, gi->pkg, gi->is_std, g->depth, tainted};
}

static InstType *inst_type_of(Checker *c, const Type *t);

/* Whether t mentions a placeholder type (through literals and the type
 * arguments of instance types). */
static bool mentions_placeholder(Checker *c, const Type *t, int depth)
{
    GenState *g = gen_state(c);
    if (!t || depth > 32 || !g->nplaceholders)
        return false;
    for (int i = 0; i < g->nplaceholders; i++)
        if (g->placeholders[i] == t)
            return true;
    if (t->name) {
        InstType *it = inst_type_of(c, t);
        if (!it)
            return false;
        for (int i = 0; i < it->gi->n; i++)
            if (mentions_placeholder(c, it->args[i], depth + 1))
                return true;
        return false;
    }
    switch (t->kind) {
    case KIND_ARRAY:
    case KIND_SLICE:
    case KIND_POINTER:
    case KIND_CHAN:
        return mentions_placeholder(c, t->elem, depth + 1);
    case KIND_MAP:
        return mentions_placeholder(c, t->key, depth + 1) ||
               mentions_placeholder(c, t->elem, depth + 1);
    case KIND_FUNC:
        for (int i = 0; i < t->nparams; i++)
            if (mentions_placeholder(c, t->params[i], depth + 1))
                return true;
        for (int i = 0; i < t->nresults; i++)
            if (mentions_placeholder(c, t->results[i], depth + 1))
                return true;
        return false;
    case KIND_STRUCT:
        for (int i = 0; i < t->nfields; i++)
            if (mentions_placeholder(c, t->fields[i].type, depth + 1))
                return true;
        return false;
    case KIND_INTERFACE:
        for (int i = 0; i < t->nmethods; i++)
            if (mentions_placeholder(c, t->methods[i].sig, depth + 1))
                return true;
        return false;
    default:
        return false;
    }
}

static bool tainted_args(Checker *c, Type **args, int n)
{
    for (int i = 0; i < n; i++)
        if (mentions_placeholder(c, args[i], 0))
            return true;
    return false;
}

static Symbol *inst_symbol(Checker *c, const char *name, Node *fd, Scope *sc, const char *file)
{
    Symbol *s = symbol_new(SYM_FUNC, name, fd->u.funcdecl.name->pos);
    s->pkg = c->pkg;
    s->decl = fd;
    s->used = true;
    ObjInfo *oi = GC_MALLOC(sizeof *oi);
    oi->state = 2;
    oi->scope = sc;
    oi->file = file;
    oi->spec = fd;
    s->check_info = oi;
    fd->u.funcdecl.sym = s;
    fd->u.funcdecl.name->u.ident.sym = s;
    fd->u.funcdecl.tparams = (NodeList){0};
    return s;
}

#define MAX_INST_DEPTH 64

static bool too_deep(Checker *c, Pos pos)
{
    if (gen_state(c)->depth < MAX_INST_DEPTH)
        return false;
    check_error(c, pos, "not supported yet: instantiation nested more than %d deep",
                MAX_INST_DEPTH);
    return true;
}

/* The instance of generic function g for args (checked against the
 * constraints, reported at poss), or NULL. */
static Symbol *inst_func(Checker *c, Symbol *g, Type **args, Pos *poss)
{
    GenInfo *gi = g->generic;
    for (int i = 0; i < gi->n; i++)
        if (is_invalid(args[i]))
            return NULL;
    Inst *in = find_inst(gi, args);
    if (in)
        return in->sym;
    if (too_deep(c, poss[0]))
        return NULL;
    Saved sv;
    enter(c, &sv, gi->pkg, gi->is_std, gi->scope, gi->file);
    Scope *sc = bind_scope(c, gi->scope, gi->names, NULL, args, gi->n);
    leave(c, &sv);
    if (!check_constraints(c, gi, sc, args, poss))
        return NULL;
    Node *fd = ast_clone(gi->decl);
    enter(c, &sv, gi->pkg, gi->is_std, sc, gi->file);
    gen_state(c)->depth++;
    /* named as Go's tracebacks name instances */
    Symbol *s = inst_symbol(c, check_fmt("%s[...]", g->name), fd, sc, gi->file);
    in = GC_MALLOC(sizeof *in);
    in->args = args;
    in->sym = s;
    in->next = gi->insts;
    gi->insts = in;
    s->type = check_signature(c, fd->u.funcdecl.type, NULL, NULL);
    gen_state(c)->depth--;
    leave(c, &sv);
    add_pending(c, fd, sc, gi->file, gi->file_node, gi, tainted_args(c, args, gi->n));
    return s;
}

/* Declares the instance of generic method m on T (instance of gi with
 * args): signature, method set entry, body pending. */
static void inst_method(Checker *c, GenInfo *gi, GenMethod *m, Type *T, Type **args)
{
    Node *fd = ast_clone(m->fd);
    bool ptr;
    Node *base = recv_base(fd, &ptr);
    Node **ids = GC_MALLOC(sizeof(Node *) * (size_t)(gi->n + 1));
    const char **names = GC_MALLOC(sizeof(char *) * (size_t)(gi->n + 1));
    for (int i = 0; i < gi->n; i++) {
        Node *ix = base->u.index.indices.len ? base->u.index.indices.items[i] : base->u.index.index;
        ids[i] = ix;
        names[i] = ix->kind == AST_IDENT ? ix->u.ident.name : NULL;
    }
    Saved sv;
    enter(c, &sv, gi->pkg, gi->is_std, m->scope, m->file);
    for (int i = 0; i < gi->n; i++)
        if (!names[i])
            check_error(c, ids[i]->pos, "receiver type parameter %s must be an identifier",
                        expr_str(ids[i]));
    Scope *sc = bind_scope(c, m->scope, names, ids, args, gi->n);
    c->scope = sc;
    const char *name = fd->u.funcdecl.name->u.ident.name;
    Symbol *s = inst_symbol(c, name, fd, sc, m->file);
    check_type_direct(c, fd->u.funcdecl.recv->u.field.type, false);
    s->type = check_signature(c, fd->u.funcdecl.type, NULL, NULL);
    s->recv = ptr ? type_pointer(T) : T;
    bool dup = false;
    for (int i = 0; i < T->nptrmethods; i++)
        if (!T->ptrmethods[i].promoted && strcmp(T->ptrmethods[i].name, name) == 0)
            dup = true;
    if (T->kind == KIND_STRUCT)
        for (int i = 0; i < T->nfields; i++)
            if (strcmp(T->fields[i].name, name) == 0) {
                check_error(c, fd->u.funcdecl.name->pos, "field and method with the same name %s",
                            name);
                dup = true;
            }
    if (dup) {
        fd->u.funcdecl.sym = NULL;
    } else {
        if (strcmp(name, "_") != 0)
            type_add_method(T, name, s->type, ptr);
        add_pending(c, fd, sc, m->file, m->file_node, gi, tainted_args(c, args, gi->n));
    }
    leave(c, &sv);
}

/* The instance of generic type g for args, or NULL. direct: the use
 * needs its layout now (a field of a struct type being declared, not
 * behind a pointer). */
static Type *inst_type(Checker *c, Symbol *g, Type **args, Pos *poss, Pos at, bool direct)
{
    GenInfo *gi = g->generic;
    for (int i = 0; i < gi->n; i++)
        if (is_invalid(args[i]))
            return NULL;
    Inst *in = find_inst(gi, args);
    if (in) {
        if (!in->type->underlying && direct) {
            check_error(c, at, "invalid recursive type %s", g->name);
            return NULL;
        }
        return in->type;
    }
    if (too_deep(c, at))
        return NULL;
    Saved sv;
    enter(c, &sv, gi->pkg, gi->is_std, gi->scope, gi->file);
    Scope *sc = bind_scope(c, gi->scope, gi->names, NULL, args, gi->n);
    leave(c, &sv);
    if (!check_constraints(c, gi, sc, args, poss))
        return NULL;
    Type *T = type_named(check_fmt("%s[%s]", g->name, args_str(args, gi->n)), gi->pkg->path, NULL);
    in = GC_MALLOC(sizeof *in);
    in->args = args;
    in->type = T;
    in->next = gi->insts;
    gi->insts = in;
    GenState *gs = gen_state(c);
    if (gs->ntypes == gs->captypes) {
        gs->captypes = gs->captypes ? gs->captypes * 2 : 16;
        InstType *n = GC_MALLOC(sizeof *n * (size_t)gs->captypes);
        if (gs->ntypes)
            memcpy(n, gs->types, sizeof *n * (size_t)gs->ntypes);
        gs->types = n;
    }
    gs->types[gs->ntypes++] = (InstType){T, gi, args};
    enter(c, &sv, gi->pkg, gi->is_std, sc, gi->file);
    gs->depth++;
    Node *tn = ast_clone(gi->decl->u.typespec.type);
    check_in_typedecl++;
    Symbol *saved_cur = check_cur_typedecl;
    check_cur_typedecl = g;
    Type *u = check_type_direct(c, tn, true);
    check_cur_typedecl = saved_cur;
    check_in_typedecl--;
    if (!u->underlying) {
        check_error(c, gi->decl->u.typespec.name->pos, "invalid recursive type %s", g->name);
        u = t_invalid;
    }
    type_set_underlying(T, u);
    if (u->kind == KIND_INTERFACE && u != t_invalid) {
        T->nmethods = u->nmethods;
        T->methods = u->methods;
    }
    types_complete();
    for (int i = 0; i < gi->nmethods; i++)
        inst_method(c, gi, &gi->methods[i], T, args);
    if (T->kind == KIND_STRUCT)
        check_promote_methods(c, T);
    if (!tainted_args(c, args, gi->n)) {
        /* listed in its package's scope under a name no identifier can
         * spell, so the compiler binds its promoted methods like those of
         * any package-level type */
        Symbol *ts = symbol_new(SYM_TYPE, T->name, gi->decl->u.typespec.name->pos);
        ts->type = T;
        ts->pkg = gi->pkg;
        ts->used = true;
        check_declare(c, gi->pkg->scope, ts);
    }
    gs->depth--;
    leave(c, &sv);
    return T;
}

/* The type arguments of INDEX n (all of them). */
static int index_args(Node *n, Node ***out)
{
    if (n->u.index.indices.len) {
        *out = n->u.index.indices.items;
        return n->u.index.indices.len;
    }
    *out = &n->u.index.index;
    return 1;
}

/* Checks explicit type arguments; NULL after an error. */
static Type **explicit_args(Checker *c, GenInfo *gi, Node *n, int *nargs, Pos **poss, bool need_all)
{
    Node **ixs;
    int k = index_args(n, &ixs);
    Type **args = GC_MALLOC(sizeof(Type *) * (size_t)(gi->n + 1));
    *poss = GC_MALLOC(sizeof(Pos) * (size_t)(gi->n + 1));
    bool bad = false;
    for (int i = 0; i < k; i++) {
        Type *t = check_type(c, ixs[i]);
        if (is_invalid(t))
            bad = true;
        if (i < gi->n) {
            args[i] = t;
            (*poss)[i] = ixs[i]->pos;
        }
    }
    bool is_type = gi->sym->kind == SYM_TYPE;
    if (k > gi->n) {
        if (is_type)
            check_error(c, n->pos, "too many type arguments for type %s: have %d, want %d",
                        gi->sym->name, k, gi->n);
        else
            check_error(c, ixs[gi->n]->pos, "got %d type arguments but want %d", k, gi->n);
        return NULL;
    }
    if (need_all && k < gi->n) {
        check_error(c, n->pos, "not enough type arguments for type %s: have %d, want %d",
                    gi->sym->name, k, gi->n);
        return NULL;
    }
    *nargs = k;
    return bad ? NULL : args;
}

Type *gen_instantiate_type(Checker *c, Node *n, Symbol *g, bool direct)
{
    if (g->kind != SYM_TYPE) {
        check_error(c, n->pos, "%s is not a type", expr_str(n->u.index.x));
        return t_invalid;
    }
    int k;
    Pos *poss;
    Type **args = explicit_args(c, g->generic, n, &k, &poss, true);
    if (!args)
        return t_invalid;
    Type *t = inst_type(c, g, args, poss, n->pos, direct && check_in_typedecl > 0);
    return t ? t : t_invalid;
}

/* Points callee expression x (IDENT, pkg.Name, or an INDEX of them, which
 * becomes its x) at instance s. */
static void set_callee(Checker *c, Node *x, Symbol *s)
{
    Node *n = unparen(x);
    if (n->kind == AST_INDEX) {
        Node *inner = unparen(n->u.index.x);
        set_callee(c, inner, s);
        Pos pos = n->pos;
        *n = *inner;
        n->pos = pos;
    } else if (n->kind == AST_IDENT) {
        n->u.ident.sym = s;
    } else if (n->kind == AST_SELECTOR) {
        Node *px = n->u.selector.x;
        px->u.ident.sym = scope_lookup(c->scope, px->u.ident.name);
        px->mode = MODE_PACKAGE;
        n->u.selector.kind = SEL_PACKAGE;
        n->u.selector.sym = s;
        n->u.selector.sel->u.ident.sym = s;
    }
    check_use_obj(c, s);
    n->mode = MODE_VALUE;
    n->type = s->type;
    for (Node *p = x; p != n && p->kind == AST_PAREN; p = p->u.paren.x) {
        p->mode = MODE_VALUE;
        p->type = s->type;
    }
}

static void infer_core_types(Checker *c, GenInfo *gi, Type **bound);

/* Go's "cannot infer T (file:line:col of T's declaration)", at `at`. */
static void cannot_infer(Checker *c, GenInfo *gi, int i, Pos at)
{
    Pos pp = gi->decl->u.funcdecl.tparams.items[0]->pos;
    for (int j = 0, k = 0; j < gi->tparams.len; j++)
        for (int m = 0; m < gi->tparams.items[j]->u.field.names.len; m++, k++)
            if (k == i)
                pp = gi->tparams.items[j]->u.field.names.items[m]->pos;
    check_error(c, at, "cannot infer %s (%s:%d:%d)", gi->names[i], gi->file, pp.line, pp.col);
}

void gen_func_value(Checker *c, Node *n, Symbol *g)
{
    GenInfo *gi = g->generic;
    int k;
    Pos *poss;
    Type **args = explicit_args(c, gi, n, &k, &poss, false);
    if (!args) {
        set_invalid(n);
        return;
    }
    /* slices.Max[[]int]: the others may follow from the constraints'
     * core types (E from S ~[]E) */
    if (k < gi->n)
        infer_core_types(c, gi, args);
    for (int i = 0; i < gi->n; i++)
        if (!args[i]) {
            /* reported at the '[' that ends the function's name */
            Node *x = unparen(n->u.index.x);
            Node *id = x->kind == AST_SELECTOR ? x->u.selector.sel : x;
            Pos at = id->pos;
            if (id->kind == AST_IDENT)
                at.col += (int)strlen(id->u.ident.name);
            cannot_infer(c, gi, i, at);
            set_invalid(n);
            return;
        }
    Symbol *s = inst_func(c, g, args, poss);
    if (!s) {
        set_invalid(n);
        return;
    }
    set_callee(c, n, s);
}

/* ---- inference ---- */

static int unify(Checker *c, GenInfo *gi, Type **bound, Node *p, Type *a);
static Node *core_term(Node *cons, bool *tilde);

/* Binds what the core types of the constraints tell from the parameters
 * bound so far (S bound to []int and S ~[]E: E is int). */
static void infer_core_types(Checker *c, GenInfo *gi, Type **bound)
{
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i < gi->n; i++) {
            bool tilde;
            Node *term = core_term(gi->cons[i], &tilde);
            if (term && bound[i])
                unify(c, gi, bound, term, tilde ? under(bound[i]) : bound[i]);
        }
}

static int tparam_index(GenInfo *gi, Node *id)
{
    for (int i = 0; i < gi->n; i++)
        if (strcmp(gi->names[i], id->u.ident.name) == 0)
            return i;
    return -1;
}

static InstType *inst_type_of(Checker *c, const Type *t)
{
    GenState *g = gen_state(c);
    for (int i = 0; i < g->ntypes; i++)
        if (g->types[i].type == t)
            return &g->types[i];
    return NULL;
}

/* Unifies parameter type expression p (of generic gi) with argument type
 * a, binding type parameters in bound. Returns the index of a parameter
 * bound inconsistently (*conflict), or -1. */
static int unify(Checker *c, GenInfo *gi, Type **bound, Node *p, Type *a)
{
    p = unparen(p);
    if (!a || is_invalid(a) || is_untyped(a))
        return -1;
    Type *u = under(a);
    switch (p->kind) {
    case AST_IDENT: {
        int i = tparam_index(gi, p);
        if (i < 0)
            return -1;
        if (!bound[i]) {
            bound[i] = a;
            return -1;
        }
        if (type_identical(bound[i], a))
            return -1;
        /* inexact: a defined type and its underlying literal type unify,
         * keeping the defined one */
        if (!a->name && type_identical(under(bound[i]), a))
            return -1;
        if (!bound[i]->name && type_identical(bound[i], u)) {
            bound[i] = a;
            return -1;
        }
        return i;
    }
    case AST_STAR:
        return u->kind == KIND_POINTER ? unify(c, gi, bound, p->u.star.x, u->elem) : -1;
    case AST_ARRAYTYPE:
        if (!p->u.arraytype.len)
            return u->kind == KIND_SLICE ? unify(c, gi, bound, p->u.arraytype.elt, u->elem) : -1;
        return u->kind == KIND_ARRAY ? unify(c, gi, bound, p->u.arraytype.elt, u->elem) : -1;
    case AST_ELLIPSIS:
        return u->kind == KIND_SLICE ? unify(c, gi, bound, p->u.ellipsis.elt, u->elem) : -1;
    case AST_MAPTYPE: {
        if (u->kind != KIND_MAP)
            return -1;
        int r = unify(c, gi, bound, p->u.maptype.key, u->key);
        return r >= 0 ? r : unify(c, gi, bound, p->u.maptype.value, u->elem);
    }
    case AST_CHANTYPE:
        return u->kind == KIND_CHAN ? unify(c, gi, bound, p->u.chantype.value, u->elem) : -1;
    case AST_FUNCTYPE: {
        if (u->kind != KIND_FUNC)
            return -1;
        NodeList *ls[2] = {&p->u.functype.params, &p->u.functype.results};
        Type **ts[2] = {u->params, u->results};
        int ns[2] = {u->nparams, u->nresults};
        for (int w = 0; w < 2; w++) {
            int k = 0;
            for (int i = 0; i < ls[w]->len; i++) {
                Node *f = ls[w]->items[i];
                int cnt = f->u.field.names.len ? f->u.field.names.len : 1;
                for (int j = 0; j < cnt; j++, k++) {
                    if (k >= ns[w])
                        return -1;
                    Node *ft = f->u.field.type;
                    Type *at = ts[w][k];
                    int r = ft->kind == AST_ELLIPSIS
                                ? unify(c, gi, bound, ft->u.ellipsis.elt, at->elem)
                                : unify(c, gi, bound, ft, at);
                    if (r >= 0)
                        return r;
                }
            }
        }
        return -1;
    }
    case AST_INDEX: {
        InstType *it = inst_type_of(c, a);
        Node *x = unparen(p->u.index.x);
        const char *nm = x->kind == AST_IDENT      ? x->u.ident.name
                         : x->kind == AST_SELECTOR ? x->u.selector.sel->u.ident.name
                                                   : NULL;
        if (!it || !nm || strcmp(it->gi->sym->name, nm) != 0)
            return -1;
        Node **ixs;
        int k = index_args(p, &ixs);
        for (int i = 0; i < k && i < it->gi->n; i++) {
            int r = unify(c, gi, bound, ixs[i], it->args[i]);
            if (r >= 0)
                return r;
        }
        return -1;
    }
    default:
        return -1;
    }
}

/* The single type term of a constraint (`~[]E`, `interface{ *T }`), or
 * NULL: its core type, from which more parameters may be inferred. */
static Node *core_term(Node *cons, bool *tilde)
{
    Node *n = unparen(cons);
    if (n->kind == AST_INTERFACETYPE) {
        NodeList *l = &n->u.interfacetype.methods;
        Node *only = NULL;
        for (int i = 0; i < l->len; i++)
            if (!l->items[i]->u.field.names.len) {
                if (only)
                    return NULL;
                only = l->items[i]->u.field.type;
            }
        if (!only)
            return NULL;
        n = unparen(only);
    }
    *tilde = false;
    if (n->kind == AST_UNARY && n->u.unary.op == TOK_TILDE) {
        *tilde = true;
        return n->u.unary.x;
    }
    switch (n->kind) {
    case AST_STAR:
    case AST_ARRAYTYPE:
    case AST_MAPTYPE:
    case AST_CHANTYPE:
    case AST_FUNCTYPE:
        return n;
    default:
        return NULL;
    }
}

typedef struct RefCtx {
    GenInfo *gi;
    Type **bound;
    bool unbound;
} RefCtx;

static void ref_ident(const Node *n, void *ctx)
{
    RefCtx *r = ctx;
    if (n->kind == AST_IDENT) {
        int i = tparam_index(r->gi, (Node *)n);
        if (i >= 0 && !r->bound[i])
            r->unbound = true;
    }
}

/* Binds parameter i, still unbound, to the core type of its constraint
 * when that constraint mentions only bound parameters (`PT interface{
 * *T; M() }` with T known gives PT = *T). */
static bool infer_from_core(Checker *c, GenInfo *gi, Type **bound, int i)
{
    RefCtx r = {gi, bound, false};
    ast_walk(gi->cons[i], ref_ident, &r);
    if (r.unbound)
        return false;
    Type **args = GC_MALLOC(sizeof(Type *) * (size_t)(gi->n + 1));
    const char **names = GC_MALLOC(sizeof(char *) * (size_t)(gi->n + 1));
    for (int k = 0; k < gi->n; k++)
        if (bound[k]) {
            args[k] = bound[k];
            names[k] = gi->names[k];
        }
    Saved sv;
    enter(c, &sv, gi->pkg, gi->is_std, gi->scope, gi->file);
    c->scope = bind_scope(c, gi->scope, names, NULL, args, gi->n);
    c->in_constraint++;
    Node *cn = ast_clone(gi->cons[i]);
    Node *u = unparen(cn);
    Type *emb = NULL;
    const TypeSet *ts;
    if ((u->kind == AST_BINARY && u->u.binary.op == TOK_OR) ||
        (u->kind == AST_UNARY && u->u.unary.op == TOK_TILDE))
        ts = check_union(c, u, &emb);
    else
        ts = typeset_of(check_type(c, cn));
    c->in_constraint--;
    leave(c, &sv);
    if (!ts || !ts->restricted || ts->nterms != 1)
        return false;
    bound[i] = ts->terms[0].tilde ? under(ts->terms[0].type) : ts->terms[0].type;
    return true;
}

/* The rank of an untyped constant kind for inference (Go picks the
 * "largest" of several untyped arguments: int < rune < float < complex). */
static int untyped_rank(TypeKind k)
{
    switch (k) {
    case KIND_UNTYPED_INT: return 1;
    case KIND_UNTYPED_RUNE: return 2;
    case KIND_UNTYPED_FLOAT: return 3;
    case KIND_UNTYPED_COMPLEX: return 4;
    default: return 0;
    }
}

Type *gen_call(Checker *c, Node *call, Symbol *g, Type **ats, int na)
{
    GenInfo *gi = g->generic;
    Node *fun = unparen(call->u.call.fun);
    NodeList *args = &call->u.call.args;
    Pos at = call->u.call.lparen.line ? call->u.call.lparen : call->pos;
    if (g->kind != SYM_FUNC) {
        check_error(c, fun->pos, "cannot use generic type %s without instantiation",
                    gen_decl_str(g));
        return NULL;
    }
    Type **bound = GC_MALLOC(sizeof(Type *) * (size_t)(gi->n + 1));
    Pos *poss = GC_MALLOC(sizeof(Pos) * (size_t)(gi->n + 1));
    for (int i = 0; i < gi->n; i++)
        poss[i] = at;
    if (fun->kind == AST_INDEX) {
        int k;
        Pos *eposs;
        Type **ex = explicit_args(c, gi, fun, &k, &eposs, false);
        if (!ex)
            return NULL;
        for (int i = 0; i < k; i++) {
            bound[i] = ex[i];
            poss[i] = eposs[i];
        }
    }
    /* the parameters' type expressions, one per parameter */
    Node *ft = gi->decl->u.funcdecl.type;
    int np = 0;
    for (int i = 0; i < ft->u.functype.params.len; i++) {
        int k = ft->u.functype.params.items[i]->u.field.names.len;
        np += k ? k : 1;
    }
    Node **pn = GC_MALLOC(sizeof(Node *) * (size_t)(np + 1));
    np = 0;
    for (int i = 0; i < ft->u.functype.params.len; i++) {
        Node *f = ft->u.functype.params.items[i];
        int k = f->u.field.names.len ? f->u.field.names.len : 1;
        for (int j = 0; j < k; j++)
            pn[np++] = f->u.field.type;
    }
    bool variadic = np && pn[np - 1]->kind == AST_ELLIPSIS;
    bool spread = args->len == 1 && na != 1;
    /* 1. typed arguments */
    for (int i = 0; i < na; i++) {
        Node *p;
        if (variadic && i >= np - 1)
            p = call->u.call.has_ellipsis ? pn[np - 1] : pn[np - 1]->u.ellipsis.elt;
        else if (i < np)
            p = pn[i];
        else
            break;
        int bad = unify(c, gi, bound, p, ats[i]);
        if (bad >= 0) {
            Node *an = spread ? args->items[0] : args->items[i];
            Type *pt = bound[bad];
            check_error(c, an->pos, "type %s of %s does not match inferred type %s for %s",
                        tstr(ats[i]), expr_str(an), tstr(pt), gi->names[bad]);
            return NULL;
        }
    }
    /* 2. core types of constraints */
    infer_core_types(c, gi, bound);
    /* 3. untyped constants for parameters still unbound */
    if (!spread) {
        int *rank = GC_MALLOC(sizeof(int) * (size_t)(gi->n + 1));
        Type **ut = GC_MALLOC(sizeof(Type *) * (size_t)(gi->n + 1));
        for (int i = 0; i < na && i < args->len; i++) {
            Node *p;
            if (variadic && i >= np - 1)
                p = call->u.call.has_ellipsis ? pn[np - 1] : pn[np - 1]->u.ellipsis.elt;
            else if (i < np)
                p = pn[i];
            else
                break;
            p = unparen(p);
            if (p->kind != AST_IDENT || !is_untyped(ats[i]) || ats[i]->kind == KIND_UNTYPED_NIL)
                continue;
            int k = tparam_index(gi, p);
            if (k < 0 || bound[k])
                continue;
            int r = untyped_rank(ats[i]->kind);
            if (ut[k] && ut[k] != ats[i] && (!r || !rank[k])) {
                check_error(c, args->items[i]->pos, "mismatched types %s and %s (cannot infer %s)",
                            tstr(ut[k]), tstr(ats[i]), gi->names[k]);
                return NULL;
            }
            if (!ut[k] || r > rank[k]) {
                ut[k] = ats[i];
                rank[k] = r;
            }
        }
        for (int k = 0; k < gi->n; k++)
            if (!bound[k] && ut[k])
                bound[k] = type_default(ut[k]);
        for (int pass = 0; pass < 2; pass++)
            for (int i = 0; i < gi->n; i++) {
                bool tilde;
                Node *term = core_term(gi->cons[i], &tilde);
                if (term && bound[i])
                    unify(c, gi, bound, term, tilde ? under(bound[i]) : bound[i]);
            }
    }
    for (bool more = true; more;) {
        more = false;
        for (int i = 0; i < gi->n; i++)
            if (!bound[i] && infer_from_core(c, gi, bound, i))
                more = true;
    }
    for (int i = 0; i < gi->n; i++)
        if (!bound[i]) {
            cannot_infer(c, gi, i, at);
            return NULL;
        }
    Symbol *s = inst_func(c, g, bound, poss);
    if (!s)
        return NULL;
    set_callee(c, call->u.call.fun, s);
    return s->type;
}

/* ---- checking generic declarations themselves ---- */

/* Each generic function and type of the package is instantiated with
 * stand-ins for its type parameters, so its body is checked even if
 * nothing instantiates it, and what the constraint does not allow (x + 1
 * with T any, a missing method, x % y with a float in the type set) is
 * reported as Go does:
 *  - a method-only constraint (any, comparable, methods): a placeholder,
 *    a defined type named like the parameter whose underlying type is the
 *    constraint's interface;
 *  - a type set: once per term (round robin over the parameters, so each
 *    term of each parameter is tried once): for ~U a placeholder whose
 *    underlying type is U (with the constraint's methods), for an exact
 *    term U the type U itself.
 * Instances whose arguments mention a placeholder are checked but never
 * compiled (tainted). */

#define MAX_GENERIC_CHECKS 16

const char *gen_placeholder_constraint(Checker *c, const Type *t)
{
    GenState *g = c->gen;
    if (!t || !t->name || !g)
        return NULL;
    for (int i = 0; i < g->nplaceholders; i++)
        if (g->placeholders[i] == t)
            return g->ph_cons[i];
    return NULL;
}

static void add_placeholder(GenState *gs, Type *t, const char *cons)
{
    if (gs->nplaceholders == gs->capplaceholders) {
        gs->capplaceholders = gs->capplaceholders ? gs->capplaceholders * 2 : 16;
        Type **n = GC_MALLOC(sizeof *n * (size_t)gs->capplaceholders);
        const char **nc = GC_MALLOC(sizeof *nc * (size_t)gs->capplaceholders);
        if (gs->nplaceholders) {
            memcpy(n, gs->placeholders, sizeof *n * (size_t)gs->nplaceholders);
            memcpy(nc, gs->ph_cons, sizeof *nc * (size_t)gs->nplaceholders);
        }
        gs->placeholders = n;
        gs->ph_cons = nc;
    }
    gs->ph_cons[gs->nplaceholders] = cons;
    gs->placeholders[gs->nplaceholders++] = t;
}

/* Evaluates constraint i in the current scope: its type set (NULL: every
 * type) and its methods (an interface type). false when it cannot be
 * used (errors, or a non-interface constraint without terms). */
static bool eval_constraint(Checker *c, GenInfo *gi, int i, const TypeSet **ts, Type **methods)
{
    Node *cn = ast_clone(gi->cons[i]);
    Node *u = unparen(cn);
    *methods = type_any;
    if ((u->kind == AST_BINARY && u->u.binary.op == TOK_OR) ||
        (u->kind == AST_UNARY && u->u.unary.op == TOK_TILDE)) {
        Type *emb;
        *ts = check_union(c, u, &emb);
        return true;
    }
    Type *ct = check_type(c, cn);
    if (is_invalid(ct))
        return false;
    if (under(ct)->kind != KIND_INTERFACE) {
        TypeSet *one = GC_MALLOC(sizeof *one);
        one->restricted = true;
        ts_add(one, ct, false);
        *ts = one;
        return true;
    }
    *ts = typeset_of(ct);
    *methods = type_interface(under(ct)->methods, under(ct)->nmethods);
    return true;
}

/* One check of g with term choice `round` (term round % nterms of each
 * parameter). nterms[i] gets each parameter's term count (0: no terms).
 * Returns false when g cannot be checked this way. */
static bool check_generic_round(Checker *c, Symbol *g, int round, int *nterms)
{
    GenInfo *gi = g->generic;
    GenState *gs = gen_state(c);
    Type **ph = GC_MALLOC(sizeof(Type *) * (size_t)(gi->n + 1));
    Pos *poss = GC_MALLOC(sizeof(Pos) * (size_t)(gi->n + 1));
    for (int i = 0; i < gi->n; i++) {
        ph[i] = type_named(gi->names[i], gi->pkg->path, NULL);
        poss[i] = gi->sym->pos;
    }
    Saved sv;
    enter(c, &sv, gi->pkg, gi->is_std, gi->scope, gi->file);
    int nerr = c->nerrors;
    Scope *sc = bind_scope(c, gi->scope, gi->names, NULL, ph, gi->n);
    c->scope = sc;
    c->in_constraint++;
    bool ok = true;
    for (int i = 0; i < gi->n && ok; i++) {
        const TypeSet *ts;
        Type *ms;
        if (!eval_constraint(c, gi, i, &ts, &ms)) {
            ok = false;
            break;
        }
        nterms[i] = ts && ts->restricted ? ts->nterms : 0;
        if (ts && ts->restricted && ts->nterms == 0) {
            ok = false; /* an empty type set: nothing to check with */
            break;
        }
        Type *under_t = ms;
        if (nterms[i]) {
            const TypeTerm *t = &ts->terms[round % nterms[i]];
            if (!t->tilde) {
                if (ms->nmethods) {
                    ok = false;
                    break;
                }
                ph[i] = t->type; /* T constrained by int is int */
                Symbol *bs = scope_lookup_local(sc, gi->names[i]);
                if (bs)
                    bs->type = t->type;
                continue;
            }
            under_t = under(t->type);
        }
        type_set_underlying(ph[i], under_t);
        if (under_t->kind == KIND_INTERFACE) {
            ph[i]->nmethods = under_t->nmethods;
            ph[i]->methods = under_t->methods;
        } else {
            for (int m = 0; m < ms->nmethods; m++)
                type_add_method(ph[i], ms->methods[m].name, ms->methods[m].sig, false);
        }
        add_placeholder(gs, ph[i], expr_str(gi->cons[i]));
    }
    c->in_constraint--;
    leave(c, &sv);
    if (!ok || c->nerrors != nerr)
        return false;
    if (g->kind == SYM_FUNC)
        inst_func(c, g, ph, poss);
    else
        inst_type(c, g, ph, poss, gi->sym->pos, false);
    return true;
}

static void check_generic_decl(Checker *c, Symbol *g)
{
    GenInfo *gi = g->generic;
    int *nterms = GC_MALLOC(sizeof(int) * (size_t)(gi->n + 1));
    if (!check_generic_round(c, g, 0, nterms))
        return;
    int rounds = 1;
    for (int i = 0; i < gi->n; i++)
        if (nterms[i] > rounds)
            rounds = nterms[i];
    if (rounds > MAX_GENERIC_CHECKS)
        rounds = MAX_GENERIC_CHECKS;
    for (int r = 1; r < rounds; r++)
        if (!check_generic_round(c, g, r, nterms))
            return;
}

void gen_check_generic(Checker *c)
{
    if (c->is_std)
        return; /* the standard packages are known to be right */
    Scope *s = c->pkg->scope;
    int n = s->len; /* instance types join the scope as we go */
    for (int i = 0; i < n; i++) {
        Symbol *g = s->syms[i];
        if (g->generic && ((GenInfo *)g->generic)->pkg == c->pkg)
            check_generic_decl(c, g);
    }
}

bool gen_is_uninstantiated(Checker *c, Node *n)
{
    Node *x = unparen(n);
    Node *ref = x->kind == AST_INDEX ? x->u.index.x : x;
    if (ref->kind != AST_IDENT && ref->kind != AST_SELECTOR)
        return false;
    Symbol *g = gen_ref(c, ref);
    if (!g || g->kind != SYM_FUNC)
        return false;
    int given = x->kind != AST_INDEX        ? 0
                : x->u.index.indices.len ? x->u.index.indices.len
                                         : 1;
    return given < ((GenInfo *)g->generic)->n;
}

int gen_nparams(Symbol *g)
{
    return ((GenInfo *)g->generic)->n;
}

bool gen_func_arg(Checker *c, Node *arg, Type *pt)
{
    Node *x = unparen(arg);
    Node *ref = x->kind == AST_INDEX ? x->u.index.x : x;
    Symbol *g = gen_ref(c, ref);
    GenInfo *gi = g->generic;
    Type **bound = GC_MALLOC(sizeof(Type *) * (size_t)(gi->n + 1));
    Pos *poss = GC_MALLOC(sizeof(Pos) * (size_t)(gi->n + 1));
    for (int i = 0; i < gi->n; i++)
        poss[i] = arg->pos;
    if (x->kind == AST_INDEX) {
        int k;
        Pos *eposs;
        Type **ex = explicit_args(c, gi, x, &k, &eposs, false);
        if (!ex) {
            set_invalid(arg);
            return false;
        }
        for (int i = 0; i < k; i++) {
            bound[i] = ex[i];
            poss[i] = eposs[i];
        }
    }
    /* the parameter's function type gives the rest (Go 1.21) */
    if (pt && under(pt)->kind == KIND_FUNC)
        unify(c, gi, bound, gi->decl->u.funcdecl.type, under(pt));
    for (int i = 0; i < gi->n; i++)
        if (!bound[i]) {
            check_error(c, arg->pos, "cannot use generic function %s without instantiation",
                        expr_str(ref));
            set_invalid(arg);
            return false;
        }
    Symbol *s = inst_func(c, g, bound, poss);
    if (!s) {
        set_invalid(arg);
        return false;
    }
    set_callee(c, arg, s);
    return true;
}

/* ---- instance bodies ---- */

void gen_drain(Checker *c)
{
    GenState *g = c->gen;
    if (!g)
        return;
    while (g->next < g->npending) {
        /* a copy: checking the body may add pending instances (and move
         * the array) */
        Pending p = g->pending[g->next++];
        Saved sv;
        enter(c, &sv, p.pkg, p.is_std, p.scope, p.file);
        g->depth = p.depth + 1;
        c->in_instance = !p.tainted;
        check_funcdecl_body(c, p.fd, p.scope, p.file);
        g->depth = 0;
        leave(c, &sv);
        g = c->gen;
    }
}

void gen_finish(Checker *c)
{
    GenState *g = c->gen;
    if (!g)
        return;
    for (int i = 0; i < g->npending; i++) {
        Pending *p = &g->pending[i];
        if (p->fd->u.funcdecl.sym && p->file_node && !p->tainted)
            nodelist_push(&p->file_node->u.file.decls, p->fd);
    }
}

/* ---- imports used only by generic code ---- */

typedef struct MarkCtx {
    Scope *fscope;
} MarkCtx;

static void mark_ident(const Node *n, void *ctx)
{
    MarkCtx *m = ctx;
    if (n->kind != AST_SELECTOR || n->u.selector.x->kind != AST_IDENT)
        return;
    Symbol *s = scope_lookup_local(m->fscope, n->u.selector.x->u.ident.name);
    if (s && s->kind == SYM_PKG)
        s->used = true;
}

void gen_mark_imports(Checker *c, Scope *fscope, Node *file)
{
    (void)c;
    MarkCtx m = {fscope};
    for (int i = 0; i < file->u.file.decls.len; i++) {
        Node *d = file->u.file.decls.items[i];
        bool generic = false;
        if (d->kind == AST_FUNCDECL) {
            generic = d->u.funcdecl.tparams.len > 0 || !d->u.funcdecl.sym;
        } else if (d->kind == AST_GENDECL && d->u.gendecl.tok == TOK_TYPE) {
            for (int j = 0; j < d->u.gendecl.specs.len; j++)
                if (d->u.gendecl.specs.items[j] &&
                    d->u.gendecl.specs.items[j]->u.typespec.tparams.len)
                    generic = true;
        }
        if (generic)
            ast_walk(d, mark_ident, &m);
    }
}
