#include "pdf/named_destinations.h"

#include "core/messages.h"
#include "pdf/named_boxes.h"
#include "pdf/pdf_writer.h"
#include "pdf/podofo_support.h"
#include "pdf/untrusted_pdf.h"

#include <algorithm>
#include <functional>
#include <set>

namespace formpdf::pdf {

using PoDoFo::PdfArray;
using PoDoFo::PdfDictionary;
using PoDoFo::PdfName;
using PoDoFo::PdfObject;
using PoDoFo::PdfString;

void write_named_destinations(PoDoFo::PdfMemDocument& pdf,
                              const std::vector<layout::NamedBox>& boxes,
                              const std::vector<PoDoFo::PdfReference>& pages) {
    if (boxes.empty()) {
        return;
    }
    std::vector<const layout::NamedBox*> sorted;
    for (const layout::NamedBox& box : boxes) {
        sorted.push_back(&box);
    }
    std::sort(sorted.begin(), sorted.end(),
              [](const auto* a, const auto* b) { return a->name < b->name; });
    PdfArray names;
    for (const layout::NamedBox* box : sorted) {
        PdfArray destination;
        destination.push_back(pages.at(static_cast<std::size_t>(box->page_index)));
        destination.push_back(PdfName("FitR"));
        destination.push_back(pdf_number(box->rect.left()));
        destination.push_back(pdf_number(box->rect.bottom()));
        destination.push_back(pdf_number(box->rect.right()));
        destination.push_back(pdf_number(box->rect.top()));
        names.push_back(PdfString(box->name)); // plain ASCII names (checked by the loader)
        names.push_back(destination);
    }
    PdfObject* dests = pdf.GetObjects().CreateObject();
    dests->GetDictionary().AddKey("Names", names);
    PdfDictionary name_dictionary;
    name_dictionary.AddKey("Dests", dests->Reference());
    pdf.GetCatalog()->GetDictionary().AddKey("Names", name_dictionary);
}

namespace {

const PdfObject* resolve(const PoDoFo::PdfVecObjects& objects, const PdfObject* object) {
    while (object && object->IsReference()) {
        object = objects.GetObject(object->GetReference());
    }
    return object;
}

double number_at(const PdfArray& array, std::size_t i) {
    const PdfObject& item = array[i];
    return item.IsReal() ? item.GetReal() : static_cast<double>(item.GetNumber());
}

} // namespace

std::map<std::string, NamedRect> read_named_boxes(std::string_view bytes,
                                                  const std::string& file_name) {
    std::map<std::string, NamedRect> boxes;
    const UntrustedPdf source{file_name, N_("signed")};
    try {
        const std::unique_ptr<PoDoFo::PdfMemDocument> created = new_memory_document();
        PoDoFo::PdfMemDocument& pdf = *created;
        load_untrusted_pdf(pdf, bytes, source, false);
        const PoDoFo::PdfVecObjects& objects = pdf.GetObjects();

        std::map<PoDoFo::PdfReference, std::pair<int, double>> page_of; // index, height
        const std::vector<PdfObject*> pages = page_objects(pdf, source);
        for (std::size_t i = 0; i < pages.size(); ++i) {
            const std::optional<PoDoFo::PdfRect> media = media_box_of(pdf, pages[i]);
            page_of[pages[i]->Reference()] = {static_cast<int>(i),
                                              media ? media->GetHeight() : 0.0};
        }
        const auto add = [&](const std::string& name, const PdfObject* value) {
            value = resolve(objects, value);
            if (value && value->IsDictionary() && value->GetDictionary().HasKey("D")) {
                value = resolve(objects, value->GetDictionary().GetKey("D"));
            }
            if (!value || !value->IsArray() || value->GetArray().GetSize() != 6) {
                return;
            }
            const PdfArray& destination = value->GetArray();
            if (!destination[0].IsReference() || !destination[1].IsName() ||
                destination[1].GetName().GetName() != "FitR") {
                return;
            }
            const auto page = page_of.find(destination[0].GetReference());
            if (page == page_of.end()) {
                return;
            }
            const double left = number_at(destination, 2), bottom = number_at(destination, 3);
            const double right = number_at(destination, 4), top = number_at(destination, 5);
            boxes[name] = NamedRect{page->second.first, left,         bottom,
                                    right - left,       top - bottom, page->second.second};
        };
        // A name tree: /Names [key value ...] in leaves, /Kids below the root.
        // Each node is read once: a /Kids cycle, or the same node listed many times at every
        // level, would otherwise make the walk endless or exponential.
        std::set<const PdfObject*> visited;
        std::function<void(const PdfObject*, int)> walk = [&](const PdfObject* node, int depth) {
            node = resolve(objects, node);
            if (!node || !node->IsDictionary() || depth > 32 || !visited.insert(node).second) {
                return;
            }
            const PdfDictionary& dict = node->GetDictionary();
            if (const PdfObject* names = resolve(objects, dict.GetKey("Names"));
                names && names->IsArray()) {
                const PdfArray& array = names->GetArray();
                for (std::size_t i = 0; i + 1 < array.GetSize(); i += 2) {
                    if (array[i].IsString()) {
                        add(array[i].GetString().GetStringUtf8(), &array[i + 1]);
                    }
                }
            }
            if (const PdfObject* kids = resolve(objects, dict.GetKey("Kids"));
                kids && kids->IsArray()) {
                for (const PdfObject& kid : kids->GetArray()) {
                    walk(&kid, depth + 1);
                }
            }
        };
        const PdfDictionary& catalog = pdf.GetCatalog()->GetDictionary();
        if (const PdfObject* names = resolve(objects, catalog.GetKey("Names"));
            names && names->IsDictionary()) {
            walk(names->GetDictionary().GetKey("Dests"), 0);
        }
        if (const PdfObject* dests = resolve(objects, catalog.GetKey("Dests"));
            dests && dests->IsDictionary()) {
            for (const auto& [key, value] : dests->GetDictionary().GetKeys()) {
                add(key.GetName(), value);
            }
        }
    } catch (const PoDoFo::PdfError& error) {
        fail_damaged(source, podofo_message(error));
    }
    return boxes;
}

} // namespace formpdf::pdf
