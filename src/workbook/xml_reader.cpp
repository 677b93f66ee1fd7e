#include "workbook/xml_reader.h"

#include "core/diagnostic.h"
#include "core/messages.h"

#include <expat.h>

#include <cstring>
#include <exception>

namespace formpdf::workbook {

namespace {

constexpr char kNamespaceSeparator = '\x01';

std::string_view local_name(const char* name) {
    const char* separator = std::strrchr(name, kNamespaceSeparator);
    return separator ? std::string_view(separator + 1) : std::string_view(name);
}

} // namespace

const char* XmlAttributes::get(std::string_view local) const {
    for (const char** pair = pairs_; pair && *pair; pair += 2) {
        if (local_name(pair[0]) == local) {
            return pair[1];
        }
    }
    return nullptr;
}

struct XmlReader::Impl {
    XML_Parser parser = nullptr;
    XmlHandler& handler;
    std::string where;
    const WorkbookLimits& limits;
    int depth = 0;
    std::string refusal;        // why the parser was stopped by us
    std::exception_ptr failure; // an exception of a handler, rethrown after XML_Parse returns

    Impl(XmlHandler& h, std::string w, const WorkbookLimits& l)
        : handler(h), where(std::move(w)), limits(l) {}

    void stop(std::string why) {
        if (refusal.empty() && !failure) {
            refusal = std::move(why);
        }
        XML_StopParser(parser, XML_FALSE);
    }

    template <typename F> void guarded(F&& f) {
        if (!refusal.empty() || failure) {
            return;
        }
        try {
            f();
        } catch (...) {
            failure = std::current_exception();
            XML_StopParser(parser, XML_FALSE);
        }
    }

    static void on_start(void* data, const char* name, const char** attributes) {
        auto* self = static_cast<Impl*>(data);
        if (++self->depth > self->limits.max_xml_depth) {
            self->stop(tr("the XML nests deeper than {0} elements",
                          {std::to_string(self->limits.max_xml_depth)}));
            return;
        }
        self->guarded([&] { self->handler.start(local_name(name), XmlAttributes(attributes)); });
    }
    static void on_end(void* data, const char* name) {
        auto* self = static_cast<Impl*>(data);
        --self->depth;
        self->guarded([&] { self->handler.end(local_name(name)); });
    }
    static void on_text(void* data, const char* text, int length) {
        auto* self = static_cast<Impl*>(data);
        self->guarded(
            [&] { self->handler.text(std::string_view(text, static_cast<std::size_t>(length))); });
    }
    static void on_doctype(void* data, const char*, const char*, const char*, int) {
        static_cast<Impl*>(data)->stop(tr("the XML has a document type declaration (DTD)"));
    }
    static void on_entity(void* data, const char*, int, const char*, int, const char*, const char*,
                          const char*, const char*) {
        static_cast<Impl*>(data)->stop(tr("the XML declares an entity"));
    }

    [[noreturn]] void fail() {
        if (failure) {
            std::rethrow_exception(failure);
        }
        if (!refusal.empty()) {
            throw DiagnosticError(make_error(
                SourceLoc{where, 0, 0}, tr("{0}: refused", {refusal}),
                tr("a workbook part written by Excel, LibreOffice or the budget system has "
                   "none")));
        }
        throw DiagnosticError(
            make_error(SourceLoc{where, static_cast<int>(XML_GetCurrentLineNumber(parser)),
                                 static_cast<int>(XML_GetCurrentColumnNumber(parser)) + 1},
                       tr("the workbook part is not well-formed XML: {0}",
                          {XML_ErrorString(XML_GetErrorCode(parser))}),
                       tr("save the workbook again from Excel or the budget system")));
    }
};

XmlReader::XmlReader(XmlHandler& handler, std::string where, const WorkbookLimits& limits)
    : impl_(std::make_unique<Impl>(handler, std::move(where), limits)) {
    impl_->parser = XML_ParserCreateNS(nullptr, kNamespaceSeparator);
    if (!impl_->parser) {
        throw std::bad_alloc();
    }
    XML_SetUserData(impl_->parser, impl_.get());
    XML_SetElementHandler(impl_->parser, &Impl::on_start, &Impl::on_end);
    XML_SetCharacterDataHandler(impl_->parser, &Impl::on_text);
    XML_SetStartDoctypeDeclHandler(impl_->parser, &Impl::on_doctype);
    XML_SetEntityDeclHandler(impl_->parser, &Impl::on_entity);
    XML_SetParamEntityParsing(impl_->parser, XML_PARAM_ENTITY_PARSING_NEVER);
}

XmlReader::~XmlReader() {
    XML_ParserFree(impl_->parser);
}

void XmlReader::feed(std::string_view chunk) {
    if (XML_Parse(impl_->parser, chunk.data(), static_cast<int>(chunk.size()), XML_FALSE) !=
        XML_STATUS_OK) {
        impl_->fail();
    }
}

void XmlReader::finish() {
    if (XML_Parse(impl_->parser, nullptr, 0, XML_TRUE) != XML_STATUS_OK) {
        impl_->fail();
    }
}

} // namespace formpdf::workbook
