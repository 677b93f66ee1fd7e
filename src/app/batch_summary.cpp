#include "app/batch_job.h"

#include "core/messages.h"

#include <charconv>

namespace formpdf::app {

std::string format_summary(const BatchSummary& summary) {
    const auto fixed = [](double value, int decimals) {
        char buffer[64];
        const auto end = std::to_chars(buffer, buffer + sizeof buffer, value,
                                       std::chars_format::fixed, decimals);
        return std::string(buffer, end.ptr);
    };
    std::string text =
        tr("batch: {0} forms, {1} rendered ({2} pages), {3} failed, {4} errors in {5} "
           "forms, {6} warnings",
           {std::to_string(summary.forms), std::to_string(summary.rendered),
            std::to_string(summary.pages), std::to_string(summary.failed),
            std::to_string(summary.errors), std::to_string(summary.forms_with_errors),
            std::to_string(summary.warnings)});
    if (summary.combined) {
        text += tr("; combined: {0} ({1} pages)",
                   {summary.combined->string(), std::to_string(summary.combined_pages)});
    }
    text += tr("; {0} s", {fixed(summary.seconds, 2)});
    if (summary.seconds > 0 && summary.rendered > 0) {
        text += tr(" ({0} ms per form)",
                   {fixed(1000 * summary.seconds / static_cast<double>(summary.rendered), 1)});
    }
    for (const std::string& form : summary.findings) {
        text += '\n';
        text += tr("printed with findings: {0}", {form});
    }
    for (const std::string& missing : summary.missing) {
        text += '\n';
        text += tr("missing: {0}", {missing});
    }
    for (const std::filesystem::path& removed : summary.removed) {
        text += '\n';
        text += tr("removed: {0} (an earlier batch's, not written this time)", {removed.string()});
    }
    return text;
}

} // namespace formpdf::app
