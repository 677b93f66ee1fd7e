#pragma once

#include "workbook/workbook_limits.h"

#include <memory>
#include <string>
#include <string_view>

namespace formpdf::workbook {

// One XML element's attributes as expat gives them: name, value, name, value, …, null. Names are
// local (the namespace is dropped): `r:id` is found as "id".
class XmlAttributes {
public:
    explicit XmlAttributes(const char** pairs) : pairs_(pairs) {}
    // The value of the attribute with this local name, or nothing.
    const char* get(std::string_view local_name) const;

private:
    const char** pairs_;
};

// What a part's reader does with the elements; names are local (without the namespace).
class XmlHandler {
public:
    virtual ~XmlHandler() = default;
    virtual void start(std::string_view name, const XmlAttributes& attributes) = 0;
    virtual void end(std::string_view name) = 0;
    virtual void text(std::string_view text) = 0;
};

// A streaming XML parser (expat) over a workbook part, fed in chunks. A document type declaration
// (and with it every entity declaration) is refused, as is nesting deeper than the limit:
// an .xlsx part never has either. Throws DiagnosticError naming `where`.
class XmlReader {
public:
    XmlReader(XmlHandler& handler, std::string where, const WorkbookLimits& limits);
    ~XmlReader();
    XmlReader(const XmlReader&) = delete;
    XmlReader& operator=(const XmlReader&) = delete;

    void feed(std::string_view chunk);
    void finish();

    struct Impl;

private:
    std::unique_ptr<Impl> impl_;
};

} // namespace formpdf::workbook
