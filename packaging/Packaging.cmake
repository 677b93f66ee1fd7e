# Install rules and the Debian package (`make deb`, `make install`; docs/install.md).
#
# The installed tree:
#   PREFIX/bin/formpdf
#   PREFIX/libexec/formpdf/formpdf-full          the helper that runs serve, import and
#                                                 workbook (src/cli/helper_program.h)
#   PREFIX/share/locale/zh_CN/LC_MESSAGES/formpdf.mo   Chinese messages
#   PREFIX/share/formpdf/layouts/*.yaml          the bundled layouts (found from the binary's own
#                                                 place: PREFIX/bin/../share/formpdf)
#   PREFIX/share/man/man1/formpdf*.1.gz           formpdf(1) and one page per command
#   PREFIX/share/bash-completion/completions/formpdf
#   PREFIX/share/zsh/vendor-completions/_formpdf
#   PREFIX/share/doc/formpdf/{copyright,changelog.gz,README.md}
include(GNUInstallDirs)

# Directories made by the install are 0755 whatever the umask of the machine that packs them.
set(CMAKE_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS
    OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)

install(TARGETS formpdf RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
# formpdf finds it as ../libexec/formpdf/formpdf-full from its own folder (src/cli/CMakeLists.txt).
install(TARGETS formpdf-full RUNTIME DESTINATION ${CMAKE_INSTALL_LIBEXECDIR}/formpdf)
include(${CMAKE_CURRENT_LIST_DIR}/Messages.cmake)
install(DIRECTORY ${CMAKE_SOURCE_DIR}/layouts/
        DESTINATION ${CMAKE_INSTALL_DATADIR}/formpdf/layouts
        FILE_PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ
        FILES_MATCHING PATTERN "*.yaml")

# Man pages: gzip -9n (no name, no time stamp) so the package is the same bytes on every build.
find_program(GZIP_PROGRAM gzip REQUIRED)
file(GLOB FORMPDF_MAN_PAGES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/packaging/man/*.1)
set(FORMPDF_MAN_GZ)
foreach(page ${FORMPDF_MAN_PAGES})
    get_filename_component(name ${page} NAME)
    set(gz ${CMAKE_BINARY_DIR}/man/${name}.gz)
    add_custom_command(OUTPUT ${gz}
        COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/man
        COMMAND ${GZIP_PROGRAM} -9n -c ${page} > ${gz}
        DEPENDS ${page} VERBATIM)
    list(APPEND FORMPDF_MAN_GZ ${gz})
endforeach()
set(changelog_gz ${CMAKE_BINARY_DIR}/doc/changelog.gz)
add_custom_command(OUTPUT ${changelog_gz}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/doc
    COMMAND ${GZIP_PROGRAM} -9n -c ${CMAKE_SOURCE_DIR}/packaging/changelog > ${changelog_gz}
    DEPENDS ${CMAKE_SOURCE_DIR}/packaging/changelog VERBATIM)
add_custom_target(formpdf_docs ALL DEPENDS ${FORMPDF_MAN_GZ} ${changelog_gz})

install(FILES ${FORMPDF_MAN_GZ} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1
        PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)
install(FILES ${CMAKE_SOURCE_DIR}/packaging/completion/formpdf.bash
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME formpdf
        PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)
install(FILES ${CMAKE_SOURCE_DIR}/packaging/completion/_formpdf
        DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions
        PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)
install(FILES ${CMAKE_SOURCE_DIR}/packaging/copyright ${changelog_gz} ${CMAKE_SOURCE_DIR}/README.md
        DESTINATION ${CMAKE_INSTALL_DOCDIR}
        PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)

# The Debian package: CPack's DEB generator. Library dependencies come from dpkg-shlibdeps, i.e.
# the Debian 12 library packages with the minimum versions their symbols need, so the package also
# installs on Debian-based derivatives that carry those libraries (UOS, Kylin).
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME formpdf)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "formpdf maintainers <maintainers@formpdf.dev>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "print-ready PDF forms from YAML declarations")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "print-ready PDF forms from YAML declarations and layouts
 formpdf turns declarations (YAML, or the budget system's spreadsheet exports)
 and a layout file into print-ready PDF forms: Chinese official forms such as
 the 二级项目支出绩效目标申报表, with checks before printing, batch printing with
 contents and bookmarks, PDF/A archive copies and digital signatures.")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION text)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Fonts for the bundled layouts and the sRGB profile for PDF/A.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "fonts-noto-cjk")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "icc-profiles-free, fonts-wqy-microhei")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
include(CPack)
