#include "app/batch_order.h"

#include "app/amount_total.h"
#include "text/collation.h"

#include <algorithm>
#include <numeric>
#include <optional>

namespace formpdf::app {

std::vector<std::size_t> sorted_order(const std::vector<std::string>& keys, SortCollation collation,
                                      bool amounts) {
    std::vector<std::size_t> order(keys.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    // What is compared, made once per form: the collation key of each text, and with `amounts`
    // the value of each number in units of the most precise one's last decimal.
    std::vector<std::string> texts = keys;
    if (collation == SortCollation::Pinyin) {
        for (std::string& text : texts) {
            text = text::pinyin_sort_key(text);
        }
    }
    std::vector<std::optional<long long>> values(keys.size());
    if (amounts) {
        int decimals = 0;
        for (const std::string& key : keys) {
            decimals = std::max(decimals, amount_decimals(key).value_or(0));
        }
        for (std::size_t i = 0; i < keys.size(); ++i) {
            values[i] = amount_value(keys[i], decimals);
        }
    }
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        if (values[a].has_value() != values[b].has_value()) {
            return values[a].has_value(); // numbers first
        }
        if (values[a] && *values[a] != *values[b]) {
            return *values[a] < *values[b];
        }
        return texts[a] < texts[b];
    });
    return order;
}

} // namespace formpdf::app
