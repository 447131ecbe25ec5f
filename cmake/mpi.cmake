# MPI (docs/MPI.md): `mpirun -np N moatsim sweep|sensitivity|uncertainty|calibrate|compare`
# spreads the runs over ranks (room distributed/, target moatsim::distributed). On by default
# when Boost.MPI and an MPI implementation are found (Debian: libboost-mpi-dev, openmpi-bin);
# off otherwise, and then every command runs in one process exactly as without MPI.
# The C interface only: the deprecated MPI C++ bindings are not wanted.
set(MPI_CXX_SKIP_MPICXX ON)
find_package(MPI QUIET COMPONENTS CXX)
find_package(Boost 1.74 QUIET COMPONENTS mpi serialization)
if(MPI_CXX_FOUND AND Boost_MPI_FOUND AND Boost_SERIALIZATION_FOUND)
  set(moatsim_mpi_found ON)
else()
  set(moatsim_mpi_found OFF)
endif()
option(MOATSIM_MPI "Build the MPI runner of experiments (distributed/; needs Boost.MPI and MPI)"
       ${moatsim_mpi_found})
if(MOATSIM_MPI AND NOT MOATSIM_BUILD_CLI)
  set(MOATSIM_MPI OFF CACHE BOOL "" FORCE)  # only the program uses it
  message(STATUS "moatsim: MPI off (it is used by the command-line program only)")
elseif(MOATSIM_MPI AND NOT moatsim_mpi_found)
  message(FATAL_ERROR "MOATSIM_MPI is ON but MPI (find_package(MPI): ${MPI_CXX_FOUND}) or "
                      "Boost.MPI/Boost.Serialization (${Boost_MPI_FOUND}/"
                      "${Boost_SERIALIZATION_FOUND}) was not found: install libboost-mpi-dev "
                      "and openmpi-bin, or configure with -DMOATSIM_MPI=OFF")
elseif(MOATSIM_MPI)
  message(STATUS "moatsim: MPI on (MPI ${MPI_CXX_VERSION}, Boost.MPI ${Boost_VERSION}); "
                 "`mpirun -np N moatsim ...` spreads experiments over ranks")
else()
  message(STATUS "moatsim: MPI off (Boost.MPI or MPI not found, or -DMOATSIM_MPI=OFF); "
                 "every command runs in one process")
endif()
