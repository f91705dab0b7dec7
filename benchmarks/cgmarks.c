/* Marker functions for callgrind on an interpreter without symbols (Debian's python3 is
 * stripped, so callgrind cannot name its builtins). benchmarks/instructions.py compiles this
 * file with the running interpreter's headers and tells callgrind to collect only inside
 * cgmarks_run (--toggle-collect); each markNN(fn, *args) calls fn and gives callgrind one
 * more named function, whose inclusive count is the wrapped Python function's cost. */
#include <Python.h>

static PyObject *__attribute__((noinline)) cgmarks_run(PyObject *self, PyObject *fn) {
    return PyObject_CallNoArgs(fn);
}

static PyObject *call_rest(PyObject *args, PyObject *kw) {
    PyObject *rest = PyTuple_GetSlice(args, 1, PyTuple_GET_SIZE(args));
    if (rest == NULL) return NULL;
    PyObject *r = PyObject_Call(PyTuple_GET_ITEM(args, 0), rest, kw);
    Py_DECREF(rest);
    return r;
}

#define MARK(n) \
    static PyObject *__attribute__((noinline)) cgmark##n(PyObject *self, PyObject *args, PyObject *kw) { \
        return call_rest(args, kw); \
    }
#define ENTRY(n) {"mark" #n, (PyCFunction)(void (*)(void))cgmark##n, METH_VARARGS | METH_KEYWORDS, ""},

MARK(00) MARK(01) MARK(02) MARK(03) MARK(04) MARK(05) MARK(06) MARK(07)
MARK(08) MARK(09) MARK(10) MARK(11) MARK(12) MARK(13) MARK(14) MARK(15)

static PyMethodDef methods[] = {
    {"run", cgmarks_run, METH_O, "fn() with callgrind collecting"},
    ENTRY(00) ENTRY(01) ENTRY(02) ENTRY(03) ENTRY(04) ENTRY(05) ENTRY(06) ENTRY(07)
    ENTRY(08) ENTRY(09) ENTRY(10) ENTRY(11) ENTRY(12) ENTRY(13) ENTRY(14) ENTRY(15)
    {NULL, NULL, 0, NULL}};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "cgmarks", NULL, -1, methods};

PyMODINIT_FUNC PyInit_cgmarks(void) { return PyModule_Create(&module); }
