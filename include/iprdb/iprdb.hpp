#pragma once

// The whole public API of iprdb.
#include <iprdb/database.hpp>
#include <iprdb/error.hpp>
#include <iprdb/reference.hpp>
#include <iprdb/types.hpp>
#include <iprdb/version.hpp>
