#pragma once

// The whole public API of iprdb.
#include <iprdb/database.hpp>
#include <iprdb/error.hpp>
#include <iprdb/extract.hpp>
#include <iprdb/fact.hpp>
#include <iprdb/reference.hpp>
#include <iprdb/types.hpp>
#include <iprdb/version.hpp>
