# The version and git commit the binary was built from, for --version and run manifests.
execute_process(COMMAND git rev-parse --short=12 HEAD
                WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
                OUTPUT_VARIABLE MOATSIM_GIT_COMMIT OUTPUT_STRIP_TRAILING_WHITESPACE
                ERROR_QUIET RESULT_VARIABLE _git_rc)
if(NOT _git_rc EQUAL 0 OR MOATSIM_GIT_COMMIT STREQUAL "")
  set(MOATSIM_GIT_COMMIT "unknown")
endif()
configure_file(${PROJECT_SOURCE_DIR}/cmake/version.hpp.in
               ${PROJECT_BINARY_DIR}/generated/moatsim_version.hpp @ONLY)
# The public version header of the embedding facade (include/moatsim/moatsim.hpp).
configure_file(${PROJECT_SOURCE_DIR}/cmake/public_version.hpp.in
               ${PROJECT_BINARY_DIR}/include/moatsim/version.hpp @ONLY)
