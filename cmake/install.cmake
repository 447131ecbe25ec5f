# install(): the moatsim libraries, the public headers (include/moatsim/), the command-line
# program, and a CMake package so that `find_package(moatsim)` works from the prefix
# (lib/cmake/moatsim/: moatsimConfig.cmake, its version file and the exported targets).
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(MOATSIM_INSTALL_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/moatsim)

# libraries: the moatsim_<room> targets (cmake/targets.cmake). They are static, so a program
# linking moatsim::api links the rooms below it too: all are exported.
function(moatsim_install libraries)
  install(TARGETS ${libraries} EXPORT moatsimTargets
          ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
          LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
          RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
  if(TARGET moatsim)
    install(TARGETS moatsim RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
  endif()
  install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/moatsim
          DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} FILES_MATCHING PATTERN "*.hpp")
  install(FILES ${PROJECT_BINARY_DIR}/include/moatsim/version.hpp
          DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/moatsim)
  install(EXPORT moatsimTargets NAMESPACE moatsim:: DESTINATION ${MOATSIM_INSTALL_CMAKEDIR})
  configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/moatsimConfig.cmake.in
                                ${PROJECT_BINARY_DIR}/moatsimConfig.cmake
                                INSTALL_DESTINATION ${MOATSIM_INSTALL_CMAKEDIR})
  # 0.x: a minor release may change the facade.
  write_basic_package_version_file(${PROJECT_BINARY_DIR}/moatsimConfigVersion.cmake
                                   COMPATIBILITY SameMinorVersion)
  install(FILES ${PROJECT_BINARY_DIR}/moatsimConfig.cmake
                ${PROJECT_BINARY_DIR}/moatsimConfigVersion.cmake
          DESTINATION ${MOATSIM_INSTALL_CMAKEDIR})
endfunction()
