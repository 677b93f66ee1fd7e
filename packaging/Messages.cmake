# The message catalogs (docs/messages.md): po/LANG.po, with the fragments po/LANG.d/*.po if any
# (msgcat), → build/locale/LANG/LC_MESSAGES/formpdf.mo, beside build/formpdf where the program looks
# first, and installed to PREFIX/share/locale.
find_program(MSGFMT_PROGRAM msgfmt REQUIRED)
find_program(MSGCAT_PROGRAM msgcat REQUIRED)
set(FORMPDF_LANGUAGES zh_CN)
set(FORMPDF_MO_FILES)
foreach(language ${FORMPDF_LANGUAGES})
    file(GLOB fragments CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/po/${language}.d/*.po)
    set(po ${CMAKE_SOURCE_DIR}/po/${language}.po ${fragments})
    set(joined ${CMAKE_BINARY_DIR}/locale/${language}.po)
    set(mo ${CMAKE_BINARY_DIR}/locale/${language}/LC_MESSAGES/formpdf.mo)
    add_custom_command(OUTPUT ${mo}
        COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/locale/${language}/LC_MESSAGES
        COMMAND ${MSGCAT_PROGRAM} --use-first -o ${joined} ${po}
        COMMAND ${MSGFMT_PROGRAM} --check -o ${mo} ${joined}
        DEPENDS ${po} VERBATIM)
    list(APPEND FORMPDF_MO_FILES ${mo})
    install(FILES ${mo} DESTINATION ${CMAKE_INSTALL_LOCALEDIR}/${language}/LC_MESSAGES
            PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)
endforeach()
add_custom_target(formpdf_messages ALL DEPENDS ${FORMPDF_MO_FILES})
add_dependencies(formpdf formpdf_messages)
