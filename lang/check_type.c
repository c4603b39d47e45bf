/* check_type.c — type expressions and method sets: resolving type
 * names (lazily, with "invalid recursive type" detection), array, map,
 * channel, function, struct and interface types, and Go's selector rule
 * through embedded fields (check_lookup), from which promoted methods and
 * the compiler's embedding paths (check_method_path) are derived.
 */
#include <gc.h>
#include <stdio.h>
#include <string.h>

#include "check_impl.h"

__thread int check_in_typedecl;
__thread Symbol *check_cur_typedecl;

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
        if (sym->pkg)
            sym->used = true;
        if (sym->kind == SYM_VAR && sym->type)
            check_error(c, n->pos, "%s (variable of type %s) is not a type", n->u.ident.name,
                        tstr(sym->type));
        else if (sym->kind != SYM_BAD)
            check_error(c, n->pos, "%s is not a type", n->u.ident.name);
        return t_invalid;
    }
    if (sym->pkg)
        sym->used = true; /* universe symbols are shared: never written */
    n->u.ident.sym = sym;
    if (sym->generic) {
        check_error(c, n->pos, "cannot use generic type %s without instantiation",
                    gen_decl_str(sym));
        return t_invalid;
    }
    ObjInfo *in = info_of(sym);
    if (in) {
        if (in->state == 0) {
            /* a defined type met indirectly inside a type declaration
             * waits (its Named type exists already); an alias has no type
             * of its own to hand out early, so it is resolved now */
            bool alias = in->spec && in->spec->kind == AST_TYPESPEC && in->spec->u.typespec.alias;
            if (direct || !check_in_typedecl || alias)
                check_resolve_obj(c, sym);
        } else if (in->state == 1 && direct && sym->type && !sym->type->underlying) {
            if (check_cur_typedecl == sym)
                check_error(c, in->spec->u.typespec.name->pos,
                            "invalid recursive type: %s refers to itself", sym->name);
            else
                check_error(c, in->spec->u.typespec.name->pos, "invalid recursive type %s",
                            sym->name);
            type_set_underlying(sym->type, t_invalid);
        } else if (in->state == 1 && !sym->type && in->spec->kind == AST_TYPESPEC &&
                   in->spec->u.typespec.alias) {
            /* an alias named again while its right side is resolved: a
             * cycle through a defined type (type B = A; type A struct{
             * next *B }) is fine, and the alias's type is its right side,
             * which now finds A's type; a cycle of aliases alone never
             * denotes a type */
            ObjInfo *cur = check_cur_typedecl ? info_of(check_cur_typedecl) : NULL;
            if (cur && check_cur_typedecl != sym && cur->spec->kind == AST_TYPESPEC &&
                !cur->spec->u.typespec.alias) {
                sym->type = check_type_direct(c, in->spec->u.typespec.type, false);
            } else {
                Pos p = in->spec->u.typespec.name->pos;
                if (check_cur_typedecl == sym)
                    check_error(c, p, "invalid recursive type: %s refers to itself", sym->name);
                else
                    check_error(c, p, "invalid recursive type %s", sym->name);
                sym->type = t_invalid;
            }
        }
    }
    if (!sym->type)
        return t_invalid;
    if (!c->in_constraint && sym->type->kind == KIND_INTERFACE && typeset_of(sym->type)) {
        const TypeSet *ts = typeset_of(sym->type);
        check_error(c, n->pos, "cannot use type %s outside a type constraint: interface %s",
                    tstr(sym->type),
                    ts->restricted ? "contains type constraints" : "is (or embeds) comparable");
        return t_invalid;
    }
    return sym->type;
}

Type *check_type(Checker *c, Node *n)
{
    return check_type_direct(c, n, true);
}

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
                if (m && !(nm[0] >= 'A' && nm[0] <= 'Z') && !p->native) {
                    check_error(c, n->u.selector.sel->pos, "%s not exported by package %s", nm,
                                p->name);
                    t = t_invalid;
                    break;
                }
                if (!m || !(nm[0] >= 'A' && nm[0] <= 'Z')) {
                    check_error(c, n->u.selector.sel->pos, "undefined: %s.%s", x->u.ident.name, nm);
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
                            ln->mode == MODE_VARIABLE
                                ? check_fmt("variable of type %s", tstr(ln->type))
                                : check_fmt("value of type %s", tstr(ln->type)));
            break;
        }
        __int128 len;
        if (!cv_to_int(ln->cv, &len) ||
            !(kind_is_integer(under(ln->type)->kind) || kind_is_untyped(ln->type->kind))) {
            check_error(c, ln->pos, "array length %s (%s) must be integer", expr_str(ln),
                        operand_str(c, ln));
            break;
        }
        if (len < 0) {
            check_error(c, ln->pos, "invalid array length %s (untyped int constant)", expr_str(ln));
            break;
        }
        if (len > INT64_MAX) {
            check_error(c, ln->pos, "invalid array length %s", operand_str(c, ln));
            break;
        }
        if (kind_is_untyped(ln->type->kind))
            check_convert_untyped(c, ln, type_basic[KIND_INT]);
        if (is_invalid(elt))
            break;
        t = type_array(elt, (int64_t)len);
        /* Go's limit on a type's size (cmd/compile's MaxWidth): the bound
         * that keeps every size and offset computation in 64 bits. An
         * element still being laid out (size 0 for now) is checked by
         * nothing here; its array's size saturates instead. */
        if (elt->size && (uint64_t)len > (TYPE_MAX_SIZE - 1) / elt->size) {
            check_error(c, n->pos, "type %s larger than address space", tstr(t));
            t = t_invalid;
        }
        break;
    }
    case AST_MAPTYPE: {
        Type *k = check_type_direct(c, n->u.maptype.key, false);
        Type *v = check_type_direct(c, n->u.maptype.value, false);
        if (is_invalid(k) || is_invalid(v))
            break;
        if (k->underlying && !k->comparable && k->kind != KIND_INTERFACE) {
            check_error(c, n->u.maptype.key->pos, "invalid map key type %s", tstr(k));
            break;
        }
        t = type_map(k, v);
        break;
    }
    case AST_CHANTYPE: {
        Type *e = check_type_direct(c, n->u.chantype.value, false);
        if (is_invalid(e))
            break;
        /* Go's compiler limit (cmd/compile's size.go); elements still
         * being laid out (size 0 for now) pass */
        if (e->size >= (1 << 16)) {
            check_error(c, n->pos, "channel element type too large (>64kB)");
            break;
        }
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
    case AST_INDEX: {
        Symbol *g = gen_ref(c, n->u.index.x);
        if (!g) {
            Type *xt = check_type_direct(c, n->u.index.x, direct);
            if (!is_invalid(xt))
                check_error(c, n->pos, "invalid operation: %s (%s is not a generic type)",
                            expr_str(n), expr_str(n->u.index.x));
            break;
        }
        t = gen_instantiate_type(c, n, g, direct);
        break;
    }
    case AST_ELLIPSIS:
        check_error(c, n->pos, "invalid use of ...");
        break;
    case AST_BAD:
        break;
    default:
        check_expr_or_type(c, n);
        if (n->mode == MODE_TYPE)
            return n->type;
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
        if (is_invalid(ft))
            bad = true;
        /* kept for run time (encoding/json reads it); "" is no tag */
        Node *tg = f->u.field.tag;
        const char *tag = tg && tg->u.basiclit.sval.len ? string_cstr(tg->u.basiclit.sval) : NULL;
        if (f->u.field.names.len == 0) {
            /* embedded: T, *T, pkg.T */
            Node *tn = f->u.field.type;
            bool ptr = false;
            if (tn->kind == AST_STAR) {
                tn = tn->u.star.x;
                ptr = true;
            }
            if (tn->kind == AST_INDEX)
                tn = tn->u.index.x; /* G[T] is named G */
            const char *name = tn->kind == AST_IDENT      ? tn->u.ident.name
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
            fs[nf++] = (Field){.name = name,
                               .type = ft,
                               .embedded = true,
                               .tag = tag,
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
                fs[nf++] = (Field){.name = name,
                                   .type = ft,
                                   .tag = tag,
                                   .exported = name[0] >= 'A' && name[0] <= 'Z'};
            }
        }
    }
    if (bad)
        return t_invalid;
    Type *st = type_struct(fs, nf);
    /* A struct of legal fields may still exceed Go's size limit (sizes
     * saturate at TYPE_MAX_SIZE in the layout, so reaching it means too
     * large). Go 1.22's compiler words it "type %L too large". */
    if (st->size >= TYPE_MAX_SIZE) {
        check_error(c, n->pos, "type %s too large", tstr(st));
        return t_invalid;
    }
    return st;
}

static void add_iface_method(Checker *c, Method **ms, int *n, int *cap, Method m, Pos pos)
{
    for (int i = 0; i < *n; i++)
        if (strcmp((*ms)[i].name, m.name) == 0) {
            if ((*ms)[i].sig != m.sig)
                check_error(c, pos, "duplicate method %s", m.name);
            return;
        }
    if (*n == *cap) {
        *cap = *cap ? *cap * 2 : 8;
        Method *nm = GC_MALLOC((size_t)*cap * sizeof(Method));
        if (*n)
            memcpy(nm, *ms, (size_t)*n * sizeof(Method));
        *ms = nm;
    }
    (*ms)[(*n)++] = m;
}

static Type *check_interface_type(Checker *c, Node *n)
{
    Method *ms = NULL;
    int nm = 0, cap = 0;
    TypeSet *ts = NULL; /* the type set's restriction, if any */
    bool constraint = false;
    NodeList *l = &n->u.interfacetype.methods;
    for (int i = 0; i < l->len; i++) {
        Node *f = l->items[i];
        if (f->u.field.names.len) {
            Type *sig = check_signature(c, f->u.field.type, NULL, NULL);
            Method m = {.name = f->u.field.names.items[0]->u.ident.name, .sig = sig};
            add_iface_method(c, &ms, &nm, &cap, m, f->pos);
            continue;
        }
        /* an embedded interface, or a type set element (union, ~T, T) */
        Type *e;
        TypeSet *ets = check_union(c, f->u.field.type, &e);
        if (ets) {
            ts = typeset_intersect(ts, ets);
            constraint = true;
        }
        if (!e || is_invalid(e))
            continue;
        for (int j = 0; j < e->nmethods; j++)
            add_iface_method(c, &ms, &nm, &cap, e->methods[j], f->pos);
    }
    Type *t = type_interface(ms, nm);
    if (constraint) {
        if (!ts) {
            ts = GC_MALLOC(sizeof *ts);
        }
        return typeset_iface(t, ts);
    }
    return t;
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
    if (variadic)
        *variadic = false;
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
                if (variadic)
                    *variadic = true;
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
    if (names)
        *names = ns;
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
        if (is_invalid(ps[i]))
            ps[i] = t_invalid;
    for (int i = 0; i < nr; i++)
        if (is_invalid(rs[i]))
            rs[i] = t_invalid;
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
    if (t->kind == KIND_INTERFACE)
        return type_method(t, name);
    if (!t->name)
        return NULL;
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
            if (!t || !t->underlying)
                continue;
            if (t->kind == KIND_POINTER && !(t->name && depth == 0)) {
                if (t->name)
                    continue;
                t = t->elem;
                ptr = true;
                if (!t || !t->underlying)
                    continue;
                if (t->kind == KIND_INTERFACE)
                    continue; /* *I has no methods */
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
            if (t->kind != KIND_STRUCT)
                continue;
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
    if (lk.kind != 2)
        return -1;
    for (int i = 0; i < lk.npath && i < max; i++) {
        path[i] = lk.path[i];
        deref[i] = lk.deref[i];
    }
    if (recv_type)
        *recv_type = lk.recv;
    return lk.npath;
}

/* Adds the methods promoted through T's embedded fields to its method
 * sets (T a defined struct type). */
void check_promote_methods(Checker *c, Type *T)
{
    (void)c;
    if (T->kind != KIND_STRUCT || !T->underlying)
        return;
    bool any = false;
    for (int i = 0; i < T->nfields; i++)
        if (T->fields[i].embedded)
            any = true;
    if (!any)
        return;
    /* candidate names: methods of everything reachable by embedding */
    Type *stack[64];
    int ns = 0;
    for (int i = 0; i < T->nfields; i++)
        if (T->fields[i].embedded && ns < 64)
            stack[ns++] = T->fields[i].type;
    int visited = 0;
    while (ns && visited++ < 256) {
        Type *e = stack[--ns];
        if (e->kind == KIND_POINTER && !e->name)
            e = e->elem;
        if (!e || !e->underlying)
            continue;
        const Method *tab = e->kind == KIND_INTERFACE ? e->methods : e->ptrmethods;
        int n = e->kind == KIND_INTERFACE ? e->nmethods : e->nptrmethods;
        for (int i = 0; i < n; i++) {
            Lookup lk;
            check_lookup(T, tab[i].name, &lk);
            if (lk.kind != 2 || lk.npath == 0)
                continue;
            bool ptr = lk.method->ptrrecv && lk.recv->kind != KIND_INTERFACE;
            bool in_value = !ptr || lk.indirect;
            /* the last step into the receiver: a pointer field counts */
            types_add_promoted(T, tab[i].name, lk.method->sig, ptr, in_value);
        }
        if (e->kind == KIND_STRUCT)
            for (int i = 0; i < e->nfields; i++)
                if (e->fields[i].embedded && ns < 64)
                    stack[ns++] = e->fields[i].type;
    }
}
