#pragma once

// The whole public API of iprdb.
#include <iprdb/database.hpp>
#include <iprdb/error.hpp>
#include <iprdb/extract.hpp>
#include <iprdb/fact.hpp>
#include <iprdb/query.hpp>
#include <iprdb/ingest.hpp>
#include <iprdb/reference.hpp>
#include <iprdb/render.hpp>
#include <iprdb/types.hpp>
#include <iprdb/version.hpp>
