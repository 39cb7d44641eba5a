package dev.forge.cuda;

/** The {@code CUdevice_attribute} numbers Forge reads (values from {@code cuda.h}). */
public final class DeviceAttribute {
    private DeviceAttribute() {
    }

    public static final int MAX_THREADS_PER_BLOCK = 1;
    public static final int CLOCK_RATE = 13;
    public static final int MULTIPROCESSOR_COUNT = 16;
    public static final int MEMORY_CLOCK_RATE = 36;
    public static final int GLOBAL_MEMORY_BUS_WIDTH = 37;
    public static final int L2_CACHE_SIZE = 38;
    public static final int MAX_THREADS_PER_MULTIPROCESSOR = 39;
    public static final int COMPUTE_CAPABILITY_MAJOR = 75;
    public static final int COMPUTE_CAPABILITY_MINOR = 76;
    public static final int MAX_SHARED_MEMORY_PER_MULTIPROCESSOR = 81;
    public static final int COOPERATIVE_LAUNCH = 95;
    public static final int MAX_SHARED_MEMORY_PER_BLOCK_OPTIN = 97;
    public static final int MEMORY_POOLS_SUPPORTED = 115;
}
