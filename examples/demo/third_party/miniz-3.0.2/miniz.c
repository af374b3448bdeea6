#include "miniz.h"
int mz_demo(void) { return 0; }
