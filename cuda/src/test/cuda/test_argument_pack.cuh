// A struct passed to a kernel by value; the Java side writes the same layout (see KernelLaunchTest).
#pragma once

struct ArgumentPack {
    int number;      // offset 0
    double fraction; // offset 8
    char letter;     // offset 16; size 24, alignment 8
};
