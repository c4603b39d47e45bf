/* check_stmt.c — statements and function bodies: control flow with its
 * break/continue targets and labels, switches and type switches, select,
 * every range form, go/defer/return, "declared and not used", and Go's
 * terminating-statement rule for "missing return".
 *
 * Declarations in blocks and assignments are in check_assign.c.
 */
#include <gc.h>
#include <stdio.h>
#include <string.h>

#include "check_impl.h"

/* ---- scopes and local symbols ---- */

static void open_scope(Checker *c)
{
    c->scope = scope_new(c->scope, c->fn ? c->fn->node : NULL);
}

void check_unused(Checker *c, Scope *s)
{
    for (int i = 0; i < s->len; i++) {
        Symbol *v = s->syms[i];
        if (v->kind == SYM_VAR && !v->used && !v->param && !v->global)
            check_error(c, v->pos, "%s declared and not used", v->name);
    }
}

static void close_scope(Checker *c)
{
    check_unused(c, c->scope);
    c->scope = c->scope->parent;
}

/* Whether the current scope is the top level of a script. */
bool check_script_top(Checker *c)
{
    return c->pkg->is_script && c->scope == c->pkg->scope;
}

Symbol *check_new_local(Checker *c, Node *id, Type *t, Node *decl)
{
    Symbol *s = symbol_new(SYM_VAR, id->u.ident.name, id->pos);
    s->type = t;
    s->decl = decl;
    s->pkg = c->pkg;
    if (check_script_top(c)) {
        s->global = true;
        s->used = true;
    } else if (c->fn) {
        s->owner = c->fn->node;
        s->funclit = c->fn->funclit;
    }
    id->u.ident.sym = s;
    id->type = t;
    id->mode = MODE_VARIABLE;
    return s;
}

/* ---- labels (function-wide) ---- */

/* A block as goto sees it (Go's syntax/branches.go model): a goto may
 * jump to a label of its own block or of an enclosing one, never into
 * another block. */
typedef struct GotoBlock {
    struct GotoBlock *parent;
    Pos start; /* named in "jumps into block starting at" */
} GotoBlock;

typedef struct Label {
    const char *name;
    Node *stmt;
    Pos pos;
    bool used;
    GotoBlock *block; /* the block declaring it (set by the goto pass) */
    struct Label *next;
} Label;

static __thread Label *labels; /* of the function being checked (reset per body) */

static void check_labels(Checker *c, NodeList *body, Pos start);

/* ---- function bodies ---- */

static void declare_params(Checker *c, NodeList *fields, Type **types, Node *fn, bool results)
{
    int k = 0;
    for (int i = 0; i < fields->len; i++) {
        Node *f = fields->items[i];
        if (f->u.field.names.len == 0) {
            k++;
            continue;
        }
        for (int j = 0; j < f->u.field.names.len; j++) {
            Node *id = f->u.field.names.items[j];
            Symbol *s = symbol_new(SYM_VAR, id->u.ident.name, id->pos);
            s->type = types[k++];
            s->param = true;
            s->used = true;
            s->owner = fn;
            s->funclit = fn->kind == AST_FUNCLIT ? fn : NULL;
            s->decl = f;
            s->pkg = c->pkg;
            id->u.ident.sym = s;
            id->type = s->type;
            id->mode = MODE_VARIABLE;
            check_declare(c, c->scope, s);
        }
    }
    (void)results;
}

bool check_terminating(Node *s, const char *label);

void check_func_body(Checker *c, Node *fn, Node *body, Type *sig, Scope *scope)
{
    FuncCtx fc = {
        .node = fn, .funclit = fn->kind == AST_FUNCLIT ? fn : NULL, .sig = sig, .outer = c->fn};
    Scope *saved_scope = c->scope;
    Target *saved_targets = c->targets;
    Label *saved_labels = labels;
    int64_t saved_iota = c->iota;
    labels = NULL;
    c->iota = -1;
    c->fn = &fc;
    c->targets = NULL;
    c->scope = scope;
    Node *ft = fn->kind == AST_FUNCDECL ? fn->u.funcdecl.type : fn->u.funclit.type;
    declare_params(c, &ft->u.functype.params, sig->params, fn, false);
    declare_params(c, &ft->u.functype.results, sig->results, fn, true);
    body->u.blockstmt.scope = scope;
    check_stmt_list(c, &body->u.blockstmt.list);
    if (sig->nresults && !check_terminating(body, NULL)) {
        Pos p = body->u.blockstmt.rbrace.line ? body->u.blockstmt.rbrace : body->pos;
        check_error(c, p, "missing return");
    }
    check_labels(c, &body->u.blockstmt.list, body->pos);
    check_unused(c, scope);
    c->fn = fc.outer;
    c->scope = saved_scope;
    c->targets = saved_targets;
    labels = saved_labels;
    c->iota = saved_iota;
}

/* A script's top-level statements are its body, so their labels are scoped
 * like a function's. Without this they stayed in the thread-local list after
 * the check: the next program checked on the same thread (a host loading
 * twice, a fuzzer) saw them, and the collector, which does not scan
 * thread-local storage, could free them under it (found by fuzz_compile). */
void check_script_stmts(Checker *c, NodeList *list)
{
    Label *saved_labels = labels;
    labels = NULL;
    check_stmt_list(c, list);
    check_labels(c, list, (Pos){1, 1});
    labels = saved_labels;
}

/* ---- goto (Go's rules, as its syntax/branches.go applies them) ---- */

typedef struct GotoList {
    Node **items;
    int len, cap;
} GotoList;

static void goto_push(GotoList *l, Node *n)
{
    if (l->len == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 8;
        Node **m = GC_MALLOC(sizeof(Node *) * (size_t)l->cap);
        if (l->len)
            memcpy(m, l->items, sizeof(Node *) * (size_t)l->len);
        l->items = m;
    }
    l->items[l->len++] = n;
}

/* The label named `name` (the first one declared, if defined twice). */
static Label *label_find(const char *name)
{
    Label *found = NULL;
    for (Label *l = labels; l; l = l->next)
        if (strcmp(l->name, name) == 0)
            found = l;
    return found;
}

/* The spelling of the variables a declaration introduces, for "jumps over
 * declaration of x, y". */
static const char *decl_names(NodeList *names)
{
    size_t n = 1;
    for (int i = 0; i < names->len; i++)
        n += strlen(names->items[i]->kind == AST_IDENT ? names->items[i]->u.ident.name : "?") + 2;
    char *buf = GC_MALLOC_ATOMIC(n);
    buf[0] = 0;
    for (int i = 0; i < names->len; i++) {
        if (i)
            strcat(buf, ", ");
        strcat(buf, names->items[i]->kind == AST_IDENT ? names->items[i]->u.ident.name : "?");
    }
    return buf;
}

/* Walks the statements of one block, resolving each goto against the
 * labels of this block and the enclosing ones, and appends to `out` the
 * gotos still unresolved at its end (forward jumps, possibly to a label
 * of an enclosing block further on). A forward goto resolved in this
 * block must not pass the declaration of a variable of this block:
 * the variable would be in scope at the label, but never initialised. */
static void goto_block(Checker *c, GotoBlock *parent, Pos start, NodeList *body, GotoList *out)
{
    GotoBlock *b = GC_MALLOC(sizeof *b);
    b->parent = parent;
    b->start = start;
    GotoList fwd = {0};
    GotoList bad = {0}; /* the gotos pending at the last declaration */
    Pos varpos = {0, 0};
    const char *varname = NULL;
    for (int i = 0; i < body->len; i++) {
        Node *s = body->items[i];
        while (s && s->kind == AST_LABELEDSTMT) {
            const char *name = s->u.labeledstmt.label->u.ident.name;
            Label *l = label_find(name);
            if (l && l->stmt == s && strcmp(name, "_") != 0) {
                l->block = b;
                int k = 0;
                for (int j = 0; j < fwd.len; j++) {
                    Node *g = fwd.items[j];
                    if (strcmp(g->u.branchstmt.label->u.ident.name, name) != 0) {
                        fwd.items[k++] = g;
                        continue;
                    }
                    g->u.branchstmt.target = s;
                    l->used = true;
                    bool over = false;
                    for (int m = 0; m < bad.len; m++)
                        over |= bad.items[m] == g;
                    if (over)
                        check_error(c, g->u.branchstmt.label->pos,
                                    "goto %s jumps over declaration of %s at %s:%d:%d", name,
                                    varname, c->file, varpos.line, varpos.col);
                }
                fwd.len = k;
            }
            s = s->u.labeledstmt.stmt;
        }
        if (!s)
            continue;
        switch (s->kind) {
        case AST_DECLSTMT: {
            Node *d = s->u.declstmt.decl;
            if (d && d->kind == AST_GENDECL && d->u.gendecl.tok == TOK_VAR &&
                d->u.gendecl.specs.len) {
                Node *spec = d->u.gendecl.specs.items[0];
                if (spec->u.valuespec.names.len) {
                    varpos = spec->u.valuespec.names.items[0]->pos;
                    varname = spec->u.valuespec.names.items[0]->u.ident.name;
                    bad.len = 0;
                    for (int j = 0; j < fwd.len; j++)
                        goto_push(&bad, fwd.items[j]);
                }
            }
            break;
        }
        case AST_ASSIGNSTMT:
            if (s->u.assignstmt.tok == TOK_DEFINE) {
                varpos = s->u.assignstmt.tokpos.line ? s->u.assignstmt.tokpos : s->pos;
                varname = decl_names(&s->u.assignstmt.lhs);
                bad.len = 0;
                for (int j = 0; j < fwd.len; j++)
                    goto_push(&bad, fwd.items[j]);
            }
            break;
        case AST_BRANCHSTMT: {
            if (s->u.branchstmt.tok != TOK_GOTO || !s->u.branchstmt.label)
                break;
            Label *l = label_find(s->u.branchstmt.label->u.ident.name);
            if (l) {
                l->used = true;
                for (GotoBlock *p = b; p; p = p->parent)
                    if (l->block == p) {
                        s->u.branchstmt.target = l->stmt;
                        break;
                    }
                if (s->u.branchstmt.target)
                    break;
            }
            goto_push(&fwd, s);
            break;
        }
        case AST_BLOCKSTMT:
            goto_block(c, b, s->pos, &s->u.blockstmt.list, &fwd);
            break;
        case AST_IFSTMT: {
            Node *then = s->u.ifstmt.body;
            goto_block(c, b, then->pos, &then->u.blockstmt.list, &fwd);
            Node *e = s->u.ifstmt.els;
            if (e && e->kind == AST_BLOCKSTMT) {
                goto_block(c, b, e->pos, &e->u.blockstmt.list, &fwd);
            } else if (e) {
                NodeList one = {1, 1, &s->u.ifstmt.els};
                goto_block(c, b, e->pos, &one, &fwd);
            }
            break;
        }
        case AST_FORSTMT:
            goto_block(c, b, s->u.forstmt.body->pos, &s->u.forstmt.body->u.blockstmt.list, &fwd);
            break;
        case AST_RANGESTMT:
            goto_block(c, b, s->u.rangestmt.body->pos, &s->u.rangestmt.body->u.blockstmt.list,
                       &fwd);
            break;
        case AST_SWITCHSTMT:
        case AST_TYPESWITCHSTMT:
        case AST_SELECTSTMT: {
            Node *blk = s->kind == AST_SWITCHSTMT       ? s->u.switchstmt.body
                        : s->kind == AST_TYPESWITCHSTMT ? s->u.typeswitchstmt.body
                                                        : s->u.selectstmt.body;
            for (int j = 0; blk && j < blk->u.blockstmt.list.len; j++) {
                Node *cc = blk->u.blockstmt.list.items[j];
                NodeList *l =
                    cc->kind == AST_COMMCLAUSE ? &cc->u.commclause.body : &cc->u.caseclause.body;
                goto_block(c, b, cc->pos, l, &fwd);
            }
            break;
        }
        default:
            break;
        }
    }
    for (int j = 0; j < fwd.len; j++)
        goto_push(out, fwd.items[j]);
}

/* The function-wide label checks, once every label is known: gotos
 * resolved (or Go's errors), then labels nothing uses. */
static void check_labels(Checker *c, NodeList *body, Pos start)
{
    GotoList rest = {0};
    goto_block(c, NULL, start, body, &rest);
    for (int i = 0; i < rest.len; i++) {
        Node *g = rest.items[i];
        const char *name = g->u.branchstmt.label->u.ident.name;
        Label *l = label_find(name);
        if (l && l->block) {
            l->used = true;
            check_error(c, g->u.branchstmt.label->pos,
                        "goto %s jumps into block starting at %s:%d:%d", name, c->file,
                        l->block->start.line, l->block->start.col);
        } else {
            check_error(c, g->u.branchstmt.label->pos, "label %s not defined", name);
        }
    }
    for (Label *l = labels; l; l = l->next)
        if (!l->used)
            check_error(c, l->pos, "label %s defined and not used", l->name);
}

/* ---- terminating statements (Go spec) ---- */

/* Whether a break inside n refers to target. */
static bool has_break(Node *n, Node *target);

static bool list_has_break(NodeList *l, Node *target)
{
    for (int i = 0; i < l->len; i++)
        if (has_break(l->items[i], target))
            return true;
    return false;
}

static bool has_break(Node *n, Node *target)
{
    if (!n)
        return false;
    switch (n->kind) {
    case AST_BRANCHSTMT:
        return n->u.branchstmt.tok == TOK_BREAK && n->u.branchstmt.target == target;
    case AST_BLOCKSTMT:
        return list_has_break(&n->u.blockstmt.list, target);
    case AST_LABELEDSTMT:
        return has_break(n->u.labeledstmt.stmt, target);
    case AST_IFSTMT:
        return has_break(n->u.ifstmt.body, target) || has_break(n->u.ifstmt.els, target);
    case AST_CASECLAUSE:
        return list_has_break(&n->u.caseclause.body, target);
    case AST_COMMCLAUSE:
        return list_has_break(&n->u.commclause.body, target);
    case AST_SWITCHSTMT:
        return has_break(n->u.switchstmt.body, target);
    case AST_TYPESWITCHSTMT:
        return has_break(n->u.typeswitchstmt.body, target);
    case AST_SELECTSTMT:
        return has_break(n->u.selectstmt.body, target);
    case AST_FORSTMT:
        return has_break(n->u.forstmt.body, target);
    case AST_RANGESTMT:
        return has_break(n->u.rangestmt.body, target);
    default:
        return false;
    }
}

static bool list_terminating(NodeList *l)
{
    /* trailing empty statements do not count */
    int i = l->len - 1;
    while (i >= 0 && l->items[i]->kind == AST_EMPTYSTMT)
        i--;
    return i >= 0 && check_terminating(l->items[i], NULL);
}

bool check_terminating(Node *s, const char *label)
{
    (void)label;
    if (!s)
        return false;
    switch (s->kind) {
    case AST_RETURNSTMT:
        return true;
    case AST_BRANCHSTMT:
        return s->u.branchstmt.tok == TOK_GOTO;
    case AST_EXPRSTMT: {
        Node *x = unparen(s->u.exprstmt.x);
        return x->kind == AST_CALL && x->u.call.kind == CALL_BUILTIN &&
               x->u.call.builtin == BUILTIN_PANIC;
    }
    case AST_BLOCKSTMT:
        return list_terminating(&s->u.blockstmt.list);
    case AST_IFSTMT:
        return s->u.ifstmt.els && check_terminating(s->u.ifstmt.body, NULL) &&
               check_terminating(s->u.ifstmt.els, NULL);
    case AST_LABELEDSTMT:
        return check_terminating(s->u.labeledstmt.stmt, NULL);
    case AST_FORSTMT:
        return !s->u.forstmt.cond && !has_break(s->u.forstmt.body, s);
    case AST_SWITCHSTMT:
    case AST_TYPESWITCHSTMT: {
        Node *body = s->kind == AST_SWITCHSTMT ? s->u.switchstmt.body : s->u.typeswitchstmt.body;
        bool has_default = false;
        for (int i = 0; i < body->u.blockstmt.list.len; i++) {
            Node *cc = body->u.blockstmt.list.items[i];
            if (cc->u.caseclause.list.len == 0)
                has_default = true;
            NodeList *b = &cc->u.caseclause.body;
            bool ft = b->len && b->items[b->len - 1]->kind == AST_BRANCHSTMT &&
                      b->items[b->len - 1]->u.branchstmt.tok == TOK_FALLTHROUGH;
            if (!ft && !list_terminating(b))
                return false;
            if (list_has_break(b, s))
                return false;
        }
        return has_default;
    }
    case AST_SELECTSTMT: {
        Node *body = s->u.selectstmt.body;
        for (int i = 0; i < body->u.blockstmt.list.len; i++) {
            Node *cc = body->u.blockstmt.list.items[i];
            if (!list_terminating(&cc->u.commclause.body))
                return false;
            if (list_has_break(&cc->u.commclause.body, s))
                return false;
        }
        return true;
    }
    default:
        return false;
    }
}

/* ---- control flow ---- */

static void push_target(Checker *c, Target *t, Node *stmt, const char *label, bool loop)
{
    t->stmt = stmt;
    t->label = label;
    t->loop = loop;
    t->up = c->targets;
    c->targets = t;
}

static void check_branch(Checker *c, Node *s)
{
    Token tok = s->u.branchstmt.tok;
    Node *label = s->u.branchstmt.label;
    if (tok == TOK_GOTO)
        return; /* resolved once all labels are known (check_labels) */
    if (tok == TOK_FALLTHROUGH) {
        /* placement is checked by the switch (check_case_body) */
        check_error(c, s->pos, "fallthrough statement out of place");
        return;
    }
    const char *what = tok == TOK_BREAK ? "break" : "continue";
    if (label) {
        const char *name = label->u.ident.name;
        Label *l;
        for (l = labels; l; l = l->next)
            if (strcmp(l->name, name) == 0)
                break;
        if (l)
            l->used = true;
        for (Target *t = c->targets; t; t = t->up) {
            if (t->label && strcmp(t->label, name) == 0) {
                if (tok == TOK_CONTINUE && !t->loop) {
                    check_error(c, label->pos, "invalid continue label %s", name);
                    return;
                }
                s->u.branchstmt.target = t->stmt;
                return;
            }
        }
        if (!l)
            check_error(c, label->pos, "%s label not defined: %s", what, name);
        else
            check_error(c, label->pos, "invalid %s label %s", what, name);
        return;
    }
    for (Target *t = c->targets; t; t = t->up) {
        if (tok == TOK_CONTINUE && !t->loop)
            continue;
        s->u.branchstmt.target = t->stmt;
        return;
    }
    if (tok == TOK_BREAK)
        check_error(c, s->pos, "break is not in a loop, switch, or select");
    else
        check_error(c, s->pos, "continue is not in a loop");
}

/* A case body; `fallthrough` is legal as its last statement when allowed. */
static void check_case_body(Checker *c, NodeList *body, bool ft_ok, bool final)
{
    int n = body->len;
    Node *last = n ? body->items[n - 1] : NULL;
    bool ft = last && last->kind == AST_BRANCHSTMT && last->u.branchstmt.tok == TOK_FALLTHROUGH;
    for (int i = 0; i < (ft ? n - 1 : n); i++)
        check_stmt(c, body->items[i]);
    if (ft) {
        if (!ft_ok)
            check_error(c, last->pos, "fallthrough statement out of place");
        else if (final)
            check_error(c, last->pos, "cannot fallthrough final case in switch");
    }
}

static void check_cond(Checker *c, Node *cond, const char *what)
{
    check_expr(c, cond, NULL);
    if (cond->mode == MODE_INVALID)
        return;
    if (under(cond->type)->kind != KIND_BOOL && cond->type->kind != KIND_UNTYPED_BOOL) {
        check_error(c, cond->pos, "non-boolean condition in %s statement", what);
        return;
    }
    check_default(c, cond);
}

static __thread const char *pending_label; /* a label for the next loop/switch/select */

static void check_switch(Checker *c, Node *s)
{
    const char *label = pending_label;
    pending_label = NULL;
    open_scope(c);
    if (s->u.switchstmt.init)
        check_stmt(c, s->u.switchstmt.init);
    Node *tag = s->u.switchstmt.tag;
    Type *tt = type_basic[KIND_BOOL];
    if (tag) {
        check_expr(c, tag, NULL);
        if (tag->mode != MODE_INVALID) {
            if (tag->type->kind == KIND_UNTYPED_NIL) {
                check_error(c, tag->pos, "use of untyped nil in switch expression");
                tt = t_invalid;
            } else {
                check_default(c, tag);
                tt = tag->type;
                if (!is_invalid(tt) && !tt->comparable && under(tt)->kind != KIND_INTERFACE) {
                    check_error(c, tag->pos, "cannot switch on %s", operand_str(c, tag));
                    tt = t_invalid;
                }
            }
        } else {
            tt = t_invalid;
        }
    }
    Target tg;
    push_target(c, &tg, s, label, false);
    NodeList *clauses = &s->u.switchstmt.body->u.blockstmt.list;
    Node *dflt = NULL;
    for (int i = 0; i < clauses->len; i++) {
        Node *cc = clauses->items[i];
        if (cc->u.caseclause.list.len == 0) {
            if (dflt)
                check_error(c, cc->pos, "multiple defaults (first at %s:%d:%d)", c->file,
                            dflt->pos.line, dflt->pos.col);
            else
                dflt = cc;
        }
        for (int j = 0; j < cc->u.caseclause.list.len; j++) {
            Node *e = cc->u.caseclause.list.items[j];
            check_expr(c, e, NULL);
            if (e->mode == MODE_INVALID || is_invalid(tt))
                continue;
            if (!tag) {
                if (under(e->type)->kind != KIND_BOOL && e->type->kind != KIND_UNTYPED_BOOL) {
                    check_error(c, e->pos,
                                "invalid case %s in switch (mismatched types %s and bool)",
                                expr_str(e), tstr(e->type));
                    continue;
                }
                check_default(c, e);
            } else if (is_untyped(e->type)) {
                if (e->type->kind == KIND_UNTYPED_NIL) {
                    TypeKind k = under(tt)->kind;
                    if (k == KIND_POINTER || k == KIND_SLICE || k == KIND_MAP || k == KIND_FUNC ||
                        k == KIND_CHAN || k == KIND_INTERFACE)
                        e->type = tt;
                    else
                        check_error(c, e->pos,
                                    "invalid case nil in switch on %s (mismatched types untyped "
                                    "nil and %s)",
                                    expr_str(tag), tstr(tt));
                    continue;
                }
                TypeKind tk = under(tt)->kind;
                bool same_class = tk == KIND_INTERFACE ||
                                  ((e->type->kind == KIND_UNTYPED_BOOL) == (tk == KIND_BOOL) &&
                                   (e->type->kind == KIND_UNTYPED_STRING) == (tk == KIND_STRING) &&
                                   (tk == KIND_BOOL || tk == KIND_STRING || kind_is_integer(tk) ||
                                    kind_is_float(tk) || kind_is_complex(tk)));
                if (!same_class) {
                    check_error(c, e->pos, "cannot convert %s to type %s", operand_str(c, e),
                                tstr(tt));
                    continue;
                }
                check_representable(c, e, tt, "switch case");
                if (is_invalid(e->type))
                    continue;
            } else if (!type_assignable(e->type, tt) && !type_assignable(tt, e->type)) {
                check_error(c, e->pos,
                            "invalid case %s in switch on %s (mismatched types %s and %s)",
                            expr_str(e), expr_str(tag), tstr(e->type), tstr(tt));
                continue;
            }
            /* duplicate constant cases (not in a generic instance: cases
             * distinct in the generic code may coincide in one instance) */
            if (e->mode == MODE_CONST && !c->in_instance) {
                for (int pi = 0; pi <= i; pi++) {
                    Node *pc = clauses->items[pi];
                    int lim = pi == i ? j : pc->u.caseclause.list.len;
                    for (int pj = 0; pj < lim; pj++) {
                        Node *p = pc->u.caseclause.list.items[pj];
                        if (p->mode == MODE_CONST && p->cv && e->cv && p->type == e->type &&
                            p->cv->kind == e->cv->kind && cv_compare(TOK_EQL, p->cv, e->cv)) {
                            check_error(c, e->pos, "duplicate case %s in expression switch",
                                        operand_str(c, e));
                            goto next_case;
                        }
                    }
                }
            }
        next_case:;
        }
        open_scope(c);
        check_case_body(c, &cc->u.caseclause.body, true, i == clauses->len - 1);
        close_scope(c);
    }
    c->targets = tg.up;
    close_scope(c);
}

static void check_typeswitch(Checker *c, Node *s)
{
    const char *label = pending_label;
    pending_label = NULL;
    open_scope(c);
    if (s->u.typeswitchstmt.init)
        check_stmt(c, s->u.typeswitchstmt.init);
    Node *a = s->u.typeswitchstmt.assign;
    Node *lhs = NULL, *ta;
    if (a->kind == AST_ASSIGNSTMT) {
        lhs = a->u.assignstmt.lhs.items[0];
        ta = a->u.assignstmt.rhs.items[0];
    } else {
        ta = a->u.exprstmt.x;
    }
    ta = unparen(ta);
    Node *x = ta->u.typeassert.x;
    check_expr(c, x, NULL);
    Type *xt = x->mode == MODE_INVALID ? t_invalid : x->type;
    if (!is_invalid(xt) && under(xt)->kind != KIND_INTERFACE) {
        check_error(c, x->pos, "%s is not an interface", operand_str(c, x));
        xt = t_invalid;
    }
    ta->type = xt;
    ta->mode = MODE_VALUE;
    if (lhs && is_blank(lhs)) {
        check_error(c, lhs->pos, "no new variable on left side of :=");
        lhs = NULL;
    }
    Target tg;
    push_target(c, &tg, s, label, false);
    NodeList *clauses = &s->u.typeswitchstmt.body->u.blockstmt.list;
    bool any_used = false;
    Node *dflt = NULL;
    Symbol *first = NULL;
    for (int i = 0; i < clauses->len; i++) {
        Node *cc = clauses->items[i];
        NodeList *l = &cc->u.caseclause.list;
        if (l->len == 0) {
            if (dflt)
                check_error(c, cc->pos, "multiple defaults in switch");
            dflt = cc;
        }
        Type *single = NULL;
        for (int j = 0; j < l->len; j++) {
            Node *e = l->items[j];
            Node *ue = unparen(e);
            Type *t;
            if (ue->kind == AST_IDENT && strcmp(ue->u.ident.name, "nil") == 0 &&
                scope_lookup(c->scope, "nil") && scope_lookup(c->scope, "nil")->kind == SYM_NIL) {
                e->type = type_basic[KIND_UNTYPED_NIL];
                e->mode = MODE_VALUE;
                ue->u.ident.sym = scope_lookup(c->scope, "nil");
                t = NULL;
            } else {
                t = check_type(c, e);
                if (!is_invalid(t) && !is_invalid(xt) && under(t)->kind != KIND_INTERFACE &&
                    !c->in_instance) {
                    const char *missing;
                    bool wrong;
                    if (!type_implements(t, under(xt), &missing, &wrong))
                        check_error(c, e->pos,
                                    "impossible type switch case: %s\n\t%s cannot have dynamic "
                                    "type %s (%s method %s)",
                                    expr_str(e), operand_str(c, x), tstr(t),
                                    wrong ? "pointer receiver for" : "missing",
                                    missing ? missing : "?");
                }
                for (int pi = 0; pi <= i && !is_invalid(t) && !c->in_instance; pi++) {
                    Node *pc = clauses->items[pi];
                    int lim = pi == i ? j : pc->u.caseclause.list.len;
                    for (int pj = 0; pj < lim; pj++)
                        if (pc->u.caseclause.list.items[pj]->mode == MODE_TYPE &&
                            pc->u.caseclause.list.items[pj]->type == t) {
                            check_error(c, e->pos, "duplicate case %s in type switch", expr_str(e));
                            pi = i + 1;
                            break;
                        }
                }
            }
            if (l->len == 1)
                single = t;
        }
        open_scope(c);
        if (lhs) {
            Type *vt = (l->len == 1 && single && !is_invalid(single)) ? single : xt;
            Symbol *v = symbol_new(SYM_VAR, lhs->u.ident.name, lhs->pos);
            v->type = vt;
            v->decl = s;
            v->pkg = c->pkg;
            if (c->fn) {
                v->owner = c->fn->node;
                v->funclit = c->fn->funclit;
            }
            v->used = false;
            cc->u.caseclause.implicit = v;
            check_declare(c, c->scope, v);
            if (!first)
                first = v;
        }
        {
            NodeList *b = &cc->u.caseclause.body;
            Node *last = b->len ? b->items[b->len - 1] : NULL;
            if (last && last->kind == AST_BRANCHSTMT && last->u.branchstmt.tok == TOK_FALLTHROUGH) {
                check_error(c, last->pos, "cannot fallthrough in type switch");
                b->len--;
                check_case_body(c, b, false, false);
                b->len++;
            } else {
                check_case_body(c, b, false, false);
            }
        }
        if (lhs && cc->u.caseclause.implicit) {
            if (cc->u.caseclause.implicit->used)
                any_used = true;
            cc->u.caseclause.implicit->used = true; /* reported once, below */
        }
        close_scope(c);
    }
    if (lhs) {
        lhs->type = xt;
        lhs->mode = MODE_VARIABLE;
        lhs->u.ident.sym = first;
        if (!any_used)
            check_error(c, lhs->pos, "%s declared and not used", lhs->u.ident.name);
    }
    c->targets = tg.up;
    close_scope(c);
}

static void check_select(Checker *c, Node *s)
{
    const char *label = pending_label;
    pending_label = NULL;
    Target tg;
    push_target(c, &tg, s, label, false);
    NodeList *clauses = &s->u.selectstmt.body->u.blockstmt.list;
    Node *dflt = NULL;
    for (int i = 0; i < clauses->len; i++) {
        Node *cc = clauses->items[i];
        Node *comm = cc->u.commclause.comm;
        open_scope(c);
        if (!comm) {
            if (dflt)
                check_error(c, cc->pos, "multiple defaults in select");
            dflt = cc;
        } else {
            bool ok = false;
            if (comm->kind == AST_SENDSTMT)
                ok = true;
            else if (comm->kind == AST_EXPRSTMT) {
                Node *x = unparen(comm->u.exprstmt.x);
                ok = x->kind == AST_UNARY && x->u.unary.op == TOK_ARROW;
            } else if (comm->kind == AST_ASSIGNSTMT && comm->u.assignstmt.rhs.len == 1 &&
                       comm->u.assignstmt.lhs.len <= 2) {
                Node *x = unparen(comm->u.assignstmt.rhs.items[0]);
                ok = x->kind == AST_UNARY && x->u.unary.op == TOK_ARROW &&
                     (comm->u.assignstmt.tok == TOK_ASSIGN || comm->u.assignstmt.tok == TOK_DEFINE);
            }
            if (!ok)
                check_error(c, comm->pos, "select case must be receive, send or assign recv");
            else
                check_stmt(c, comm);
        }
        check_case_body(c, &cc->u.commclause.body, false, false);
        close_scope(c);
    }
    c->targets = tg.up;
}

static void check_for(Checker *c, Node *s)
{
    const char *label = pending_label;
    pending_label = NULL;
    open_scope(c);
    if (s->u.forstmt.init)
        check_stmt(c, s->u.forstmt.init);
    if (s->u.forstmt.cond)
        check_cond(c, s->u.forstmt.cond, "for");
    if (s->u.forstmt.post) {
        Node *p = s->u.forstmt.post;
        if (p->kind == AST_ASSIGNSTMT && p->u.assignstmt.tok == TOK_DEFINE)
            check_error(c, p->pos, "cannot declare in post statement of for loop");
        else
            check_stmt(c, p);
    }
    Target tg;
    push_target(c, &tg, s, label, true);
    check_stmt(c, s->u.forstmt.body);
    c->targets = tg.up;
    close_scope(c);
}

static void check_range(Checker *c, Node *s)
{
    const char *label = pending_label;
    pending_label = NULL;
    Node *x = s->u.rangestmt.x;
    check_expr(c, x, NULL);
    const char *xdesc = operand_str(c, x);
    Type *kt = NULL, *vt = NULL;
    int maxvars = 2;
    if (x->mode != MODE_INVALID) {
        Type *u = under(x->type);
        if (u->kind == KIND_POINTER && under(u->elem)->kind == KIND_ARRAY)
            u = under(u->elem);
        switch (u->kind) {
        case KIND_UNTYPED_INT:
        case KIND_UNTYPED_RUNE:
        case KIND_UNTYPED_FLOAT:
            if (x->mode == MODE_CONST) {
                __int128 v;
                if (!cv_to_int(x->cv, &v)) {
                    check_error(c, x->pos, "cannot range over %s", operand_str(c, x));
                    break;
                }
            }
            check_default(c, x);
            if (is_invalid(x->type))
                break;
            kt = x->type;
            maxvars = 1;
            break;
        case KIND_STRING:
        case KIND_UNTYPED_STRING:
            check_default(c, x);
            kt = type_basic[KIND_INT];
            vt = type_basic[KIND_INT32];
            break;
        case KIND_ARRAY:
        case KIND_SLICE:
            kt = type_basic[KIND_INT];
            vt = u->elem;
            break;
        case KIND_MAP:
            kt = u->key;
            vt = u->elem;
            break;
        case KIND_CHAN:
            if (!(u->dir & CHAN_RECV)) {
                check_error(c, x->pos, "cannot range over %s: receive from send-only channel",
                            operand_str(c, x));
                break;
            }
            kt = u->elem;
            maxvars = 1;
            break;
        default:
            if (kind_is_integer(u->kind)) {
                kt = x->type;
                maxvars = 1;
                break;
            }
            check_error(c, x->pos, "cannot range over %s", operand_str(c, x));
            break;
        }
    }
    Node *vars[2] = {s->u.rangestmt.key, s->u.rangestmt.value};
    Type *types[2] = {kt, vt};
    if (vars[1] && maxvars == 1 && kt) {
        check_error(c, vars[1]->pos, "range over %s permits only one iteration variable", xdesc);
        vars[1] = NULL;
    }
    open_scope(c);
    if (s->u.rangestmt.tok == TOK_DEFINE) {
        bool any = false;
        Symbol *news[2] = {NULL, NULL};
        for (int i = 0; i < 2; i++) {
            Node *v = vars[i];
            if (!v)
                continue;
            if (v->kind != AST_IDENT) {
                check_error(c, v->pos, "non-name %s on left side of :=", expr_str(v));
                continue;
            }
            if (is_blank(v))
                continue;
            any = true;
            news[i] = check_new_local(c, v, types[i] ? types[i] : t_invalid, s);
        }
        if (!any && (vars[0] || vars[1]))
            check_error(c, s->pos, "no new variables on left side of :=");
        for (int i = 0; i < 2; i++)
            if (news[i])
                check_declare(c, c->scope, news[i]);
    } else if (s->u.rangestmt.tok == TOK_ASSIGN) {
        for (int i = 0; i < 2; i++) {
            Node *v = vars[i];
            if (!v || !check_lhs_use(c, v, false) || is_blank(v) || !types[i])
                continue;
            if (!type_assignable(types[i], v->type))
                check_error(c, v->pos, "cannot use %s (value of type %s) as %s value in assignment",
                            expr_str(v), tstr(types[i]), tstr(v->type));
        }
    }
    Target tg;
    push_target(c, &tg, s, label, true);
    check_stmt(c, s->u.rangestmt.body);
    c->targets = tg.up;
    close_scope(c);
}

static void check_return(Checker *c, Node *s)
{
    NodeList *res = &s->u.returnstmt.results;
    Type *sig = c->fn ? c->fn->sig : NULL;
    if (!sig)
        return;
    if (c->fn->node->kind == AST_FILE) {
        check_error(c, s->pos, "return outside function body");
        return;
    }
    int want = sig->nresults;
    if (res->len == 0) {
        if (want == 0)
            return;
        Node *ft = c->fn->node->kind == AST_FUNCDECL ? c->fn->node->u.funcdecl.type
                                                     : c->fn->node->u.funclit.type;
        NodeList *rf = &ft->u.functype.results;
        if (rf->len && rf->items[0]->u.field.names.len) {
            /* a bare return of named results: each must be in scope */
            for (int i = 0; i < rf->len; i++)
                for (int j = 0; j < rf->items[i]->u.field.names.len; j++) {
                    Node *id = rf->items[i]->u.field.names.items[j];
                    Symbol *cur = scope_lookup(c->scope, id->u.ident.name);
                    if (cur && cur != id->u.ident.sym && strcmp(id->u.ident.name, "_") != 0) {
                        check_error(c, s->pos, "result parameter %s not in scope at return",
                                    id->u.ident.name);
                        return;
                    }
                }
            return;
        }
        check_error(c, s->pos, "not enough return values\n\thave ()\n\twant %s",
                    tstr(type_tuple(sig->results, sig->nresults)));
        return;
    }
    if (res->len == 1 && want != 1) {
        Node *v = res->items[0];
        check_multi(c, v);
        if (v->mode == MODE_INVALID)
            return;
        if (v->type && v->type->kind == KIND_TUPLE && v->mode != MODE_NOVALUE) {
            if (v->type->nresults != want) {
                check_error(c, v->pos, "%s return values\n\thave %s\n\twant %s",
                            v->type->nresults < want ? "not enough" : "too many", tstr(v->type),
                            tstr(type_tuple(sig->results, sig->nresults)));
                return;
            }
            for (int i = 0; i < want; i++)
                if (!type_assignable(v->type->results[i], sig->results[i])) {
                    check_error(c, v->pos, "cannot use %s value as %s value in return statement",
                                tstr(v->type->results[i]), tstr(sig->results[i]));
                    return;
                }
            return;
        }
        if (want == 0) {
            check_error(c, v->pos, "too many return values\n\thave (%s)\n\twant ()",
                        tstr(type_default(v->type)));
            return;
        }
        /* an untyped numeric constant is a "number" in Go's listing */
        check_error(c, v->pos, "not enough return values\n\thave (%s)\n\twant %s",
                    summary_type(v->type), tstr(type_tuple(sig->results, sig->nresults)));
        return;
    }
    for (int i = 0; i < res->len; i++)
        check_expr(c, res->items[i], i < want ? sig->results[i] : NULL);
    if (res->len != want) {
        char have[256];
        size_t n = 0;
        n += (size_t)snprintf(have + n, sizeof have - n, "(");
        for (int i = 0; i < res->len && n < sizeof have; i++) {
            const char *ts = summary_type(res->items[i]->type);
            n += (size_t)snprintf(have + n, sizeof have - n, "%s%s", i ? ", " : "", ts);
        }
        if (n < sizeof have)
            snprintf(have + n, sizeof have - n, ")");
        /* Go points at the first extra value, or the last one given */
        check_error(c, res->items[res->len > want ? want : res->len - 1]->pos,
                    "%s return values\n\thave %s\n\twant %s",
                    res->len < want ? "not enough" : "too many", have,
                    tstr(type_tuple(sig->results, sig->nresults)));
        return;
    }
    for (int i = 0; i < want; i++)
        check_assign_to(c, res->items[i], sig->results[i], "return statement");
}

static void check_go_defer(Checker *c, Node *s)
{
    const char *what = s->kind == AST_GOSTMT ? "go" : "defer";
    Node *call = unparen(s->u.gostmt.call);
    if (!call || call->kind != AST_CALL) {
        if (call)
            check_expr(c, call, NULL);
        check_error(c, call ? call->pos : s->pos, "expression in %s must be function call", what);
        return;
    }
    check_multi(c, call);
    if (call->mode == MODE_INVALID)
        return;
    if (call->u.call.kind == CALL_CONVERSION) {
        check_error(c, call->pos, "%s requires function call, not conversion %s", what,
                    operand_str(c, call));
        return;
    }
    if (call->u.call.kind == CALL_BUILTIN) {
        Builtin b = call->u.call.builtin;
        if (!(b == BUILTIN_COPY || b == BUILTIN_DELETE || b == BUILTIN_PANIC ||
              b == BUILTIN_PRINT || b == BUILTIN_PRINTLN || b == BUILTIN_RECOVER ||
              b == BUILTIN_CLEAR || b == BUILTIN_CLOSE))
            check_error(c, call->pos, "%s discards result of %s", what, operand_str(c, call));
    }
}

static void check_exprstmt(Checker *c, Node *s)
{
    Node *x = s->u.exprstmt.x;
    check_multi(c, x);
    if (x->mode == MODE_INVALID)
        return;
    Node *u = unparen(x);
    if (u->kind == AST_CALL) {
        if (u->u.call.kind == CALL_CONVERSION) {
            check_error(c, x->pos, "%s is not used", operand_str(c, x));
            return;
        }
        if (u->u.call.kind == CALL_BUILTIN) {
            Builtin b = u->u.call.builtin;
            if (!(b == BUILTIN_COPY || b == BUILTIN_DELETE || b == BUILTIN_PANIC ||
                  b == BUILTIN_PRINT || b == BUILTIN_PRINTLN || b == BUILTIN_RECOVER ||
                  b == BUILTIN_CLEAR || b == BUILTIN_CLOSE))
                check_error(c, x->pos, "%s is not used", operand_str(c, x));
        }
        return;
    }
    if (u->kind == AST_UNARY && u->u.unary.op == TOK_ARROW) {
        if (x->mode == MODE_COMMAOK)
            x->mode = MODE_VALUE;
        return;
    }
    check_error(c, x->pos, "%s is not used", operand_str(c, x));
}

static void check_send(Checker *c, Node *s)
{
    Node *ch = s->u.sendstmt.chan, *v = s->u.sendstmt.value;
    check_expr(c, ch, NULL);
    check_expr(c, v, NULL);
    if (ch->mode == MODE_INVALID || v->mode == MODE_INVALID)
        return;
    Type *u = under(ch->type);
    if (u->kind != KIND_CHAN) {
        check_error(c, s->pos, "invalid operation: cannot send to non-channel %s",
                    operand_str(c, ch));
        return;
    }
    if (!(u->dir & CHAN_SEND)) {
        check_error(c, s->pos, "invalid operation: cannot send to receive-only channel %s",
                    operand_str(c, ch));
        return;
    }
    check_assign_to(c, v, u->elem, "send");
}

static void check_incdec(Checker *c, Node *s)
{
    Node *x = s->u.incdecstmt.x;
    if (!check_lhs_use(c, x, true))
        return;
    if (is_blank(x)) {
        check_error(c, x->pos, "cannot use _ as value or type");
        return;
    }
    TypeKind k = under(x->type)->kind;
    if (!kind_is_integer(k) && !kind_is_float(k) && !kind_is_complex(k)) {
        check_error(c, x->pos, "invalid operation: %s%s (non-numeric type %s)", expr_str(x),
                    token_string(s->u.incdecstmt.tok), tstr(x->type));
    }
}

void check_stmt_list(Checker *c, NodeList *l)
{
    for (int i = 0; i < l->len; i++)
        check_stmt(c, l->items[i]);
}

void check_stmt(Checker *c, Node *s)
{
    if (!s)
        return;
    switch (s->kind) {
    case AST_BAD:
    case AST_EMPTYSTMT:
        return;
    case AST_DECLSTMT:
        check_declstmt(c, s);
        return;
    case AST_LABELEDSTMT: {
        Node *lb = s->u.labeledstmt.label;
        const char *name = lb->u.ident.name;
        for (Label *l = labels; l; l = l->next)
            if (strcmp(l->name, name) == 0) {
                check_error(c, lb->pos, "label %s already defined at %s:%d:%d", name, c->file,
                            l->pos.line, l->pos.col);
                break;
            }
        Label *l = GC_MALLOC(sizeof *l);
        l->name = name;
        l->stmt = s;
        l->pos = lb->pos;
        l->next = labels;
        labels = l;
        if (strcmp(name, "_") == 0)
            l->used = true;
        Node *inner = s->u.labeledstmt.stmt;
        if (inner && (inner->kind == AST_FORSTMT || inner->kind == AST_RANGESTMT ||
                      inner->kind == AST_SWITCHSTMT || inner->kind == AST_TYPESWITCHSTMT ||
                      inner->kind == AST_SELECTSTMT))
            pending_label = name;
        check_stmt(c, inner);
        pending_label = NULL;
        return;
    }
    case AST_EXPRSTMT:
        check_exprstmt(c, s);
        return;
    case AST_SENDSTMT:
        check_send(c, s);
        return;
    case AST_INCDECSTMT:
        check_incdec(c, s);
        return;
    case AST_ASSIGNSTMT:
        check_assign(c, s);
        return;
    case AST_GOSTMT:
    case AST_DEFERSTMT:
        check_go_defer(c, s);
        return;
    case AST_RETURNSTMT:
        check_return(c, s);
        return;
    case AST_BRANCHSTMT:
        check_branch(c, s);
        return;
    case AST_BLOCKSTMT:
        open_scope(c);
        s->u.blockstmt.scope = c->scope;
        check_stmt_list(c, &s->u.blockstmt.list);
        close_scope(c);
        return;
    case AST_IFSTMT:
        open_scope(c);
        if (s->u.ifstmt.init)
            check_stmt(c, s->u.ifstmt.init);
        check_cond(c, s->u.ifstmt.cond, "if");
        check_stmt(c, s->u.ifstmt.body);
        if (s->u.ifstmt.els)
            check_stmt(c, s->u.ifstmt.els);
        close_scope(c);
        return;
    case AST_SWITCHSTMT:
        check_switch(c, s);
        return;
    case AST_TYPESWITCHSTMT:
        check_typeswitch(c, s);
        return;
    case AST_SELECTSTMT:
        check_select(c, s);
        return;
    case AST_FORSTMT:
        check_for(c, s);
        return;
    case AST_RANGESTMT:
        check_range(c, s);
        return;
    case AST_FUNCDECL:
        check_error(c, s->pos, "not supported yet: nested function declarations");
        return;
    default:
        check_error(c, s->pos, "unexpected %s statement", ast_kind_name(s->kind));
        return;
    }
}
