# Builds the query test database: a fresh iprdb file, then fixture.sql through sqlite3.
#   -DLOAD=iprdb-load  -DSQLITE3=sqlite3  -DSQL=fixture.sql  -DDB=path
file(REMOVE "${DB}" "${DB}-wal" "${DB}-shm")
get_filename_component(dir "${DB}" DIRECTORY)
file(MAKE_DIRECTORY "${dir}")
execute_process(COMMAND "${LOAD}" --db "${DB}" --init RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "iprdb-load --init failed (${rc}): ${err}")
endif()
execute_process(COMMAND "${SQLITE3}" -bail "${DB}" INPUT_FILE "${SQL}" RESULT_VARIABLE rc
                ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "sqlite3 < fixture.sql failed (${rc}): ${err}")
endif()
