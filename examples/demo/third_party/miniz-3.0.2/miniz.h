/* miniz.c 3.0.0 - public domain deflate/inflate, zlib-subset, ZIP reading/writing/appending, PNG writing */
#pragma once

#define MZ_VERSION "11.0.2"
#define MZ_VERNUM 0xB002

int mz_demo(void);
