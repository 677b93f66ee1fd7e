#pragma once

#include "core/diagnostic.h"

#include <string>
#include <vector>

namespace formpdf::check {

// What the rules find in one declaration, before check_declaration() puts it in file order. Each
// error is also marked as structural or not, because `render` and `batch` treat the two apart
// (docs/check.md, "Before printing").
class Findings {
public:
    struct Item {
        Diagnostic diagnostic;
        // An error in the declaration's shape rather than in a value: a key the form does not
        // have, a group written at the wrong level or nested too deep, rows where groups belong.
        // The layout would drop or misplace what is written there, so the form is not printed.
        bool structural = false;
    };

    void error(SourceLoc loc, std::string message, std::string hint = {});
    void structural_error(SourceLoc loc, std::string message, std::string hint = {});
    void warning(SourceLoc loc, std::string message, std::string hint = {});
    void note(SourceLoc loc, std::string message, std::string hint = {});

    std::vector<Item>& items() { return items_; }

private:
    std::vector<Item> items_;
};

} // namespace formpdf::check
