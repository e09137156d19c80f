// libpq, PostgreSQL's client library (Debian: libpq-dev), for the PostgreSQL engine.
#include <postgresql/libpq-fe.h>
