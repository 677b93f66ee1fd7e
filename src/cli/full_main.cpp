// formpdf-full, the helper program (helper_program.h): the whole formpdf command line with every
// command's work linked in. The formpdf program runs serve, import and workbook in it.

#include "cli/helper_commands.h"
#include "cli/helper_program.h"
#include "cli/program.h"

int main(int argc, char** argv) {
    using namespace formpdf::cli;
    take_program_dir_from_environment();
    return run_program(argc, argv,
                       {.serve = run_serve, .import = run_import, .workbook = run_workbook});
}
