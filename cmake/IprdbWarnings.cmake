# iprdb_enable_warnings(<target>): the project's warning flags, on that target's own sources
# only, so that no global flag is edited and consumers never inherit them.
function(iprdb_enable_warnings target)
  target_compile_options(${target} PRIVATE
    $<$<CXX_COMPILER_ID:GNU,Clang>:-Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion>
    $<$<AND:$<BOOL:${IPRDB_WERROR}>,$<CXX_COMPILER_ID:GNU,Clang>>:-Werror>)
endfunction()
