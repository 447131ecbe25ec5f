# What every moatsim target gets, applied once after all rooms are added (so a new room's
# CMakeLists.txt needs nothing for it):
# - moatsim_options (cmake/warnings.cmake: warnings, sanitizers and the floating-point flags
#   determinism depends on) PRIVATE and build-tree only: moatsim's own objects are compiled
#   with them; programs that link moatsim keep their own flags.
# - every library named moatsim_<room> is installed and exported as moatsim::<room>
#   (cmake/install.cmake).

# Every target defined in dir and the directories below it.
function(moatsim_targets_below dir out)
  get_property(targets DIRECTORY "${dir}" PROPERTY BUILDSYSTEM_TARGETS)
  get_property(subdirs DIRECTORY "${dir}" PROPERTY SUBDIRECTORIES)
  foreach(sub IN LISTS subdirs)
    moatsim_targets_below("${sub}" below)
    list(APPEND targets ${below})
  endforeach()
  set(${out} ${targets} PARENT_SCOPE)
endfunction()

# Links moatsim_options into every compiled target and lists the libraries in `out`.
function(moatsim_finish_targets out)
  moatsim_targets_below("${PROJECT_SOURCE_DIR}" targets)
  set(libraries)
  foreach(t IN LISTS targets)
    get_target_property(type ${t} TYPE)
    if(type MATCHES "^(STATIC_LIBRARY|SHARED_LIBRARY|OBJECT_LIBRARY|MODULE_LIBRARY|EXECUTABLE)$")
      target_link_libraries(${t} PRIVATE $<BUILD_INTERFACE:moatsim_options>)
    endif()
    get_target_property(not_exported ${t} MOATSIM_NOT_EXPORTED)  # distributed/: the program's only
    if(type MATCHES "^(STATIC|SHARED)_LIBRARY$" AND t MATCHES "^moatsim_(.+)$" AND NOT not_exported)
      set_target_properties(${t} PROPERTIES EXPORT_NAME ${CMAKE_MATCH_1})
      list(APPEND libraries ${t})
    endif()
  endforeach()
  set(${out} ${libraries} PARENT_SCOPE)
endfunction()
