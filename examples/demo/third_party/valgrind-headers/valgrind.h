/* This file is part of Valgrind, a dynamic binary instrumentation framework.
   Notice that the following BSD-style license applies to this one file
   (valgrind.h) only. */
#ifndef __VALGRIND_H
#define __VALGRIND_H
#define __VALGRIND_MAJOR__    3
#define __VALGRIND_MINOR__    22
#endif
