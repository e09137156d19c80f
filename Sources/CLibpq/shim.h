// libpq, PostgreSQL's client library (Debian: libpq-dev to build, libpq5 to run), loaded only
// when a board in a database is opened: linking it would load some twenty more libraries (TLS,
// Kerberos, LDAP) and about 5 MB into every session, also those on a board file.
#include <postgresql/libpq-fe.h>
#include <dlfcn.h>
#include <stddef.h>

#define BATON_LIBPQ_FUNCTIONS(X) \
    X(PQconnectdbParams) X(PQstatus) X(PQerrorMessage) X(PQfinish) X(PQsetNoticeProcessor) X(PQsocket) \
    X(PQexecParams) X(PQexec) X(PQconsumeInput) X(PQnotifies) X(PQfreemem) \
    X(PQresultStatus) X(PQresultErrorField) X(PQresultErrorMessage) X(PQclear) X(PQntuples) \
    X(PQgetisnull) X(PQgetvalue) X(PQgetlength) X(PQbackendPID) X(PQftype) \
    X(PQenterPipelineMode) X(PQexitPipelineMode) X(PQpipelineSync) X(PQsendQueryParams) X(PQgetResult)

/// The libpq functions baton calls, found in libpq.so.5 at run time.
typedef struct {
#define BATON_LIBPQ_MEMBER(name) __typeof__(name) *_Nonnull name;
    BATON_LIBPQ_FUNCTIONS(BATON_LIBPQ_MEMBER)
#undef BATON_LIBPQ_MEMBER
} baton_libpq;

/// Loads libpq.so.5 once; NULL when it is not installed or lacks one of the functions. Not
/// thread-safe: call it from one place that runs once (a Swift `static let`).
static inline const baton_libpq *_Nullable baton_libpq_load(void) {
    static baton_libpq api;
    static int state = 0;  // 0 not tried, 1 loaded, -1 missing
    if (state == 0) {
        void *handle = dlopen("libpq.so.5", RTLD_NOW | RTLD_LOCAL);
        state = handle != NULL ? 1 : -1;
#define BATON_LIBPQ_LOAD(name) \
        if (state == 1 && (*(void **)&api.name = dlsym(handle, #name)) == NULL) state = -1;
        BATON_LIBPQ_FUNCTIONS(BATON_LIBPQ_LOAD)
#undef BATON_LIBPQ_LOAD
    }
    return state == 1 ? &api : NULL;
}
