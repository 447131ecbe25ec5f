# The version and git commit the binary was built from, for --version and run manifests.
execute_process(COMMAND git rev-parse --short=12 HEAD
                WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
                OUTPUT_VARIABLE MOATSIM_GIT_COMMIT OUTPUT_STRIP_TRAILING_WHITESPACE
                ERROR_QUIET RESULT_VARIABLE _git_rc)
if(NOT _git_rc EQUAL 0 OR MOATSIM_GIT_COMMIT STREQUAL "")
  set(MOATSIM_GIT_COMMIT "unknown")
endif()

# Build facts for run manifests: the compiler, the build type and the flags every moatsim
# source got: CMAKE_CXX_FLAGS, the build type's, and the options of moatsim_options
# (cmake/warnings.cmake, included before this file: -ffp-contract=off, sanitizers, ...).
set(MOATSIM_COMPILER "${CMAKE_CXX_COMPILER_ID} ${CMAKE_CXX_COMPILER_VERSION}")
set(MOATSIM_BUILD_TYPE "${CMAKE_BUILD_TYPE}")
if(MOATSIM_BUILD_TYPE STREQUAL "")
  set(MOATSIM_BUILD_TYPE "none")
endif()
string(TOUPPER "${CMAKE_BUILD_TYPE}" _build_type_upper)
set(_moatsim_options "")
if(TARGET moatsim_options)
  get_target_property(_moatsim_options moatsim_options INTERFACE_COMPILE_OPTIONS)
  if(NOT _moatsim_options)
    set(_moatsim_options "")
  endif()
  string(REPLACE ";" " " _moatsim_options "${_moatsim_options}")
endif()
string(STRIP "${CMAKE_CXX_FLAGS} ${CMAKE_CXX_FLAGS_${_build_type_upper}} ${_moatsim_options}"
       MOATSIM_BUILD_FLAGS)
configure_file(${PROJECT_SOURCE_DIR}/cmake/version.hpp.in
               ${PROJECT_BINARY_DIR}/generated/moatsim_version.hpp @ONLY)
# The public version header of the embedding facade (include/moatsim/moatsim.hpp).
configure_file(${PROJECT_SOURCE_DIR}/cmake/public_version.hpp.in
               ${PROJECT_BINARY_DIR}/include/moatsim/version.hpp @ONLY)
