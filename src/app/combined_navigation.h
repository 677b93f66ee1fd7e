#pragma once

#include "layout/document.h"

#include <string>
#include <vector>

namespace formpdf::app {

// A form of a batch's combined file, as the file's title and bookmarks need it.
struct CombinedForm {
    std::string unit;       // the form's unit (its layout's `batch: unit` field)
    std::string bookmark;   // the form's bookmark, as its layout words it
    std::string form_title; // its layout's title
    int first_page = 0;     // among the forms' pages of the combined file
};

// The unit of every form, when they are all one unit's; else empty.
std::string combined_unit(const std::vector<CombinedForm>& forms);

// The combined file's title: "<unit> <form title>（41份）", the unit left out when the forms are
// several units', and "申报表" for the title when they are several layouts'.
std::string combined_title(const std::vector<CombinedForm>& forms);

// One bookmark per form, under its unit when the file holds several units; "目录" first when
// there are front pages (the contents).
std::vector<layout::Outline> combined_outlines(const std::vector<CombinedForm>& forms,
                                               int front_pages);

} // namespace formpdf::app
