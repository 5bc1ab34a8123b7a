# cmake -DDIR=path -P reset_dir.cmake: DIR, empty. A fixed-runs fuzzer starts from its seeds
# alone, not from what earlier runs added to its corpus.
file(REMOVE_RECURSE "${DIR}")
file(MAKE_DIRECTORY "${DIR}")
