#include "pdf/outline_tree.h"

#include <podofo/podofo.h>

#include <algorithm>

namespace formpdf::pdf {
namespace {

using PoDoFo::pdf_int64;
using PoDoFo::PdfArray;
using PoDoFo::PdfName;
using PoDoFo::PdfObject;
using PoDoFo::PdfString;

// Writes `items` as the children of `parent`; returns how many entries the subtree holds.
// All entries are open, so /Count is the total number of descendants (PDF 32000-1 12.3.3).
long write_children(PoDoFo::PdfVecObjects& objects, PdfObject* parent,
                    const std::vector<layout::Outline>& items,
                    const std::vector<PoDoFo::PdfReference>& pages) {
    std::vector<PdfObject*> entries;
    long total = 0;
    for (const layout::Outline& item : items) {
        PdfObject* entry = objects.CreateObject();
        auto& dict = entry->GetDictionary();
        dict.AddKey("Title",
                    PdfString(reinterpret_cast<const PoDoFo::pdf_utf8*>(item.title.c_str())));
        dict.AddKey("Parent", parent->Reference());
        const int index = std::clamp(item.page_index, 0, static_cast<int>(pages.size()) - 1);
        PdfArray dest;
        dest.push_back(pages[index]);
        dest.push_back(PdfName("Fit"));
        dict.AddKey("Dest", dest);
        const long descendants = write_children(objects, entry, item.children, pages);
        if (descendants > 0) {
            dict.AddKey("Count", PdfObject(static_cast<pdf_int64>(descendants)));
        }
        total += 1 + descendants;
        entries.push_back(entry);
    }
    for (std::size_t i = 0; i < entries.size(); ++i) {
        if (i > 0) {
            entries[i]->GetDictionary().AddKey("Prev", entries[i - 1]->Reference());
        }
        if (i + 1 < entries.size()) {
            entries[i]->GetDictionary().AddKey("Next", entries[i + 1]->Reference());
        }
    }
    if (!entries.empty()) {
        parent->GetDictionary().AddKey("First", entries.front()->Reference());
        parent->GetDictionary().AddKey("Last", entries.back()->Reference());
    }
    return total;
}

} // namespace

void write_outline_tree(PoDoFo::PdfMemDocument& pdf, const std::vector<layout::Outline>& outlines,
                        const std::vector<PoDoFo::PdfReference>& pages) {
    write_outline_tree(pdf.GetObjects(), *pdf.GetCatalog(), outlines, pages);
}

void write_outline_tree(PoDoFo::PdfVecObjects& objects, PoDoFo::PdfObject& catalog,
                        const std::vector<layout::Outline>& outlines,
                        const std::vector<PoDoFo::PdfReference>& pages) {
    if (outlines.empty() || pages.empty()) {
        return;
    }
    PdfObject* root = objects.CreateObject("Outlines");
    const long count = write_children(objects, root, outlines, pages);
    root->GetDictionary().AddKey("Count", PdfObject(static_cast<pdf_int64>(count)));
    catalog.GetDictionary().AddKey("Outlines", root->Reference());
}

} // namespace formpdf::pdf
