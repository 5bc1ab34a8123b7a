# Loads examples/bulletins/ into a fresh database for the example programs.
#   -DLOAD=iprdb-load  -DDB=path  -DBULLETINS=dir
file(REMOVE "${DB}" "${DB}-wal" "${DB}-shm")
execute_process(COMMAND "${LOAD}" --db "${DB}" --init RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "iprdb-load --init failed (${rc}): ${err}")
endif()
execute_process(COMMAND "${LOAD}" --db "${DB}" "${BULLETINS}" RESULT_VARIABLE rc
                OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("${out}${err}")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "iprdb-load failed (${rc})")
endif()
