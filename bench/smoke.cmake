# Runs `iprdb-bench --quick --json` and checks that stdout is one JSON object with the figures.
file(REMOVE_RECURSE ${WORK_DIR})
execute_process(COMMAND ${BENCH} --quick --json --quiet --keep ${WORK_DIR}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "iprdb-bench exited ${rc}: ${err}")
endif()
foreach(key extract_mb_s ingest_mb_s ingest_jobs_mb_s sqlite_ceiling_rows_s insert_ratio
            compare_p50_us rank_p50_us series_p50_us latest_p50_us peak_rss_mb
            db_bytes_per_observation synthetic_precision synthetic_recall)
  string(JSON value ERROR_VARIABLE json_error GET "${out}" ${key})
  if(json_error)
    message(FATAL_ERROR "no ${key} in the output: ${json_error}\n${out}")
  endif()
endforeach()
file(REMOVE_RECURSE ${WORK_DIR})
