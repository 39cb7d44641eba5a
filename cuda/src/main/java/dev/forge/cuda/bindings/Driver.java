package dev.forge.cuda.bindings;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * Hand-written bindings to the CUDA driver API ({@code libcuda.so.1}).
 *
 * <p>Every method returns the raw {@code CUresult}; checking is the typed layer's job. Handles (contexts,
 * streams, events, modules, functions, graphs, pools) and device pointers are passed as {@code long}: they are
 * pointer-sized on every 64-bit platform CUDA supports. Versioned symbols are named explicitly, because the
 * header's {@code #define cuMemAlloc cuMemAlloc_v2} does not exist for a dynamic lookup, and the unversioned
 * symbols keep their old, sometimes incompatible, signatures for old binaries.
 */
public final class Driver {
    private Driver() {
    }

    private static final NativeLibrary LIBRARY = NativeLibrary.open("CUDA driver", candidates());

    private static List<String> candidates() {
        List<String> names = new ArrayList<>();
        names.add(System.getenv("FORGE_CUDA_DRIVER"));
        names.add("libcuda.so.1");
        names.add("/usr/local/nvidia/lib64/libcuda.so.1");
        names.add("/usr/lib/x86_64-linux-gnu/libcuda.so.1");
        names.add("/usr/lib64/libcuda.so.1");
        names.add("/usr/lib/wsl/lib/libcuda.so.1");
        return names;
    }

    public static NativeLibrary library() {
        return LIBRARY;
    }

    private static MethodHandle bind(FunctionDescriptor descriptor, String... names) {
        return LIBRARY.firstFunction(descriptor, names);
    }

    private static MethodHandle require(MethodHandle handle, String name) {
        if (handle == null) {
            throw new UnsatisfiedLinkError(name + " is not available: "
                    + LIBRARY.failure().orElse("the CUDA driver is too old to have it"));
        }
        return handle;
    }

    private static final MethodHandle CU_INIT = bind(FunctionDescriptor.of(JAVA_INT, JAVA_INT), "cuInit");

    public static int cuInit(int flags) {
        try {
            return (int) require(CU_INIT, "cuInit").invokeExact(flags);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    private static final MethodHandle CU_DRIVER_GET_VERSION = bind(FunctionDescriptor.of(JAVA_INT, ADDRESS), "cuDriverGetVersion");

    public static int cuDriverGetVersion(MemorySegment version) {
        try {
            return (int) require(CU_DRIVER_GET_VERSION, "cuDriverGetVersion").invokeExact(version);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    private static final MethodHandle CU_GET_ERROR_NAME = bind(FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS), "cuGetErrorName");

    public static int cuGetErrorName(int error, MemorySegment name) {
        try {
            return (int) require(CU_GET_ERROR_NAME, "cuGetErrorName").invokeExact(error, name);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    private static final MethodHandle CU_GET_ERROR_STRING = bind(FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS), "cuGetErrorString");

    public static int cuGetErrorString(int error, MemorySegment message) {
        try {
            return (int) require(CU_GET_ERROR_STRING, "cuGetErrorString").invokeExact(error, message);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    private static final MethodHandle CU_DEVICE_GET_COUNT = bind(FunctionDescriptor.of(JAVA_INT, ADDRESS), "cuDeviceGetCount");

    public static int cuDeviceGetCount(MemorySegment count) {
        try {
            return (int) require(CU_DEVICE_GET_COUNT, "cuDeviceGetCount").invokeExact(count);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    private static final MethodHandle CU_DEVICE_GET = bind(FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT), "cuDeviceGet");

    public static int cuDeviceGet(MemorySegment device, int ordinal) {
        try {
            return (int) require(CU_DEVICE_GET, "cuDeviceGet").invokeExact(device, ordinal);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    private static final MethodHandle CU_DEVICE_GET_NAME = bind(FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), "cuDeviceGetName");

    public static int cuDeviceGetName(MemorySegment name, int length, int device) {
        try {
            return (int) require(CU_DEVICE_GET_NAME, "cuDeviceGetName").invokeExact(name, length, device);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    private static final MethodHandle CU_DEVICE_GET_ATTRIBUTE = bind(FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), "cuDeviceGetAttribute");

    public static int cuDeviceGetAttribute(MemorySegment value, int attribute, int device) {
        try {
            return (int) require(CU_DEVICE_GET_ATTRIBUTE, "cuDeviceGetAttribute").invokeExact(value, attribute, device);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    private static final MethodHandle CU_DEVICE_TOTAL_MEM = bind(FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT), "cuDeviceTotalMem_v2");

    public static int cuDeviceTotalMem(MemorySegment bytes, int device) {
        try {
            return (int) require(CU_DEVICE_TOTAL_MEM, "cuDeviceTotalMem_v2").invokeExact(bytes, device);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    private static final MethodHandle CU_DEVICE_GET_UUID = bind(FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT), "cuDeviceGetUuid_v2", "cuDeviceGetUuid");

    public static int cuDeviceGetUuid(MemorySegment uuid, int device) {
        try {
            return (int) require(CU_DEVICE_GET_UUID, "cuDeviceGetUuid_v2").invokeExact(uuid, device);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    private static final MethodHandle CU_DEVICE_PRIMARY_CTX_RETAIN = bind(FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT), "cuDevicePrimaryCtxRetain");

    public static int cuDevicePrimaryCtxRetain(MemorySegment context, int device) {
        try {
            return (int) require(CU_DEVICE_PRIMARY_CTX_RETAIN, "cuDevicePrimaryCtxRetain").invokeExact(context, device);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    private static final MethodHandle CU_DEVICE_PRIMARY_CTX_RELEASE = bind(FunctionDescriptor.of(JAVA_INT, JAVA_INT), "cuDevicePrimaryCtxRelease_v2");

    public static int cuDevicePrimaryCtxRelease(int device) {
        try {
            return (int) require(CU_DEVICE_PRIMARY_CTX_RELEASE, "cuDevicePrimaryCtxRelease_v2").invokeExact(device);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    private static final MethodHandle CU_DEVICE_PRIMARY_CTX_RESET = bind(FunctionDescriptor.of(JAVA_INT, JAVA_INT), "cuDevicePrimaryCtxReset_v2");

    public static int cuDevicePrimaryCtxReset(int device) {
        try {
            return (int) require(CU_DEVICE_PRIMARY_CTX_RESET, "cuDevicePrimaryCtxReset_v2").invokeExact(device);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    private static final MethodHandle CU_CTX_SET_CURRENT = bind(FunctionDescriptor.of(JAVA_INT, JAVA_LONG), "cuCtxSetCurrent");

    public static int cuCtxSetCurrent(long context) {
        try {
            return (int) require(CU_CTX_SET_CURRENT, "cuCtxSetCurrent").invokeExact(context);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    private static final MethodHandle CU_CTX_GET_CURRENT = bind(FunctionDescriptor.of(JAVA_INT, ADDRESS), "cuCtxGetCurrent");

    public static int cuCtxGetCurrent(MemorySegment context) {
        try {
            return (int) require(CU_CTX_GET_CURRENT, "cuCtxGetCurrent").invokeExact(context);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    private static final MethodHandle CU_CTX_SYNCHRONIZE = bind(FunctionDescriptor.of(JAVA_INT), "cuCtxSynchronize");

    public static int cuCtxSynchronize() {
        try {
            return (int) require(CU_CTX_SYNCHRONIZE, "cuCtxSynchronize").invokeExact();
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    private static final MethodHandle CU_CTX_CREATE = bind(FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, JAVA_INT), "cuCtxCreate_v4");

    public static int cuCtxCreate(MemorySegment context, MemorySegment parameters, int flags, int device) {
        try {
            return (int) require(CU_CTX_CREATE, "cuCtxCreate_v4").invokeExact(context, parameters, flags, device);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    private static final MethodHandle CU_CTX_DESTROY = bind(FunctionDescriptor.of(JAVA_INT, JAVA_LONG), "cuCtxDestroy_v2");

    public static int cuCtxDestroy(long context) {
        try {
            return (int) require(CU_CTX_DESTROY, "cuCtxDestroy_v2").invokeExact(context);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    private static final MethodHandle CU_MEM_GET_INFO = bind(FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS), "cuMemGetInfo_v2");

    public static int cuMemGetInfo(MemorySegment free, MemorySegment total) {
        try {
            return (int) require(CU_MEM_GET_INFO, "cuMemGetInfo_v2").invokeExact(free, total);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    private static final MethodHandle CU_STREAM_CREATE = bind(FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT), "cuStreamCreate");

    public static int cuStreamCreate(MemorySegment stream, int flags) {
        try {
            return (int) require(CU_STREAM_CREATE, "cuStreamCreate").invokeExact(stream, flags);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    private static final MethodHandle CU_STREAM_DESTROY = bind(FunctionDescriptor.of(JAVA_INT, JAVA_LONG), "cuStreamDestroy_v2");

    public static int cuStreamDestroy(long stream) {
        try {
            return (int) require(CU_STREAM_DESTROY, "cuStreamDestroy_v2").invokeExact(stream);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    private static final MethodHandle CU_STREAM_SYNCHRONIZE = bind(FunctionDescriptor.of(JAVA_INT, JAVA_LONG), "cuStreamSynchronize");

    public static int cuStreamSynchronize(long stream) {
        try {
            return (int) require(CU_STREAM_SYNCHRONIZE, "cuStreamSynchronize").invokeExact(stream);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    private static final MethodHandle CU_STREAM_QUERY = bind(FunctionDescriptor.of(JAVA_INT, JAVA_LONG), "cuStreamQuery");

    public static int cuStreamQuery(long stream) {
        try {
            return (int) require(CU_STREAM_QUERY, "cuStreamQuery").invokeExact(stream);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    private static final MethodHandle CU_STREAM_WAIT_EVENT = bind(FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_INT), "cuStreamWaitEvent");

    public static int cuStreamWaitEvent(long stream, long event, int flags) {
        try {
            return (int) require(CU_STREAM_WAIT_EVENT, "cuStreamWaitEvent").invokeExact(stream, event, flags);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    private static final MethodHandle CU_STREAM_BEGIN_CAPTURE = bind(FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_INT), "cuStreamBeginCapture_v2");

    public static int cuStreamBeginCapture(long stream, int mode) {
        try {
            return (int) require(CU_STREAM_BEGIN_CAPTURE, "cuStreamBeginCapture_v2").invokeExact(stream, mode);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    private static final MethodHandle CU_STREAM_END_CAPTURE = bind(FunctionDescriptor.of(JAVA_INT, JAVA_LONG, ADDRESS), "cuStreamEndCapture");

    public static int cuStreamEndCapture(long stream, MemorySegment graph) {
        try {
            return (int) require(CU_STREAM_END_CAPTURE, "cuStreamEndCapture").invokeExact(stream, graph);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    private static final MethodHandle CU_EVENT_CREATE = bind(FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT), "cuEventCreate");

    public static int cuEventCreate(MemorySegment event, int flags) {
        try {
            return (int) require(CU_EVENT_CREATE, "cuEventCreate").invokeExact(event, flags);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    private static final MethodHandle CU_EVENT_DESTROY = bind(FunctionDescriptor.of(JAVA_INT, JAVA_LONG), "cuEventDestroy_v2");

    public static int cuEventDestroy(long event) {
        try {
            return (int) require(CU_EVENT_DESTROY, "cuEventDestroy_v2").invokeExact(event);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    private static final MethodHandle CU_EVENT_RECORD = bind(FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG), "cuEventRecord");

    public static int cuEventRecord(long event, long stream) {
        try {
            return (int) require(CU_EVENT_RECORD, "cuEventRecord").invokeExact(event, stream);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    private static final MethodHandle CU_EVENT_SYNCHRONIZE = bind(FunctionDescriptor.of(JAVA_INT, JAVA_LONG), "cuEventSynchronize");

    public static int cuEventSynchronize(long event) {
        try {
            return (int) require(CU_EVENT_SYNCHRONIZE, "cuEventSynchronize").invokeExact(event);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    private static final MethodHandle CU_EVENT_QUERY = bind(FunctionDescriptor.of(JAVA_INT, JAVA_LONG), "cuEventQuery");

    public static int cuEventQuery(long event) {
        try {
            return (int) require(CU_EVENT_QUERY, "cuEventQuery").invokeExact(event);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    private static final MethodHandle CU_EVENT_ELAPSED_TIME = bind(FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG), "cuEventElapsedTime_v2", "cuEventElapsedTime");

    public static int cuEventElapsedTime(MemorySegment milliseconds, long start, long end) {
        try {
            return (int) require(CU_EVENT_ELAPSED_TIME, "cuEventElapsedTime_v2").invokeExact(milliseconds, start, end);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    private static final MethodHandle CU_MEM_ALLOC = bind(FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG), "cuMemAlloc_v2");

    public static int cuMemAlloc(MemorySegment pointer, long bytes) {
        try {
            return (int) require(CU_MEM_ALLOC, "cuMemAlloc_v2").invokeExact(pointer, bytes);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    private static final MethodHandle CU_MEM_FREE = bind(FunctionDescriptor.of(JAVA_INT, JAVA_LONG), "cuMemFree_v2");

    public static int cuMemFree(long pointer) {
        try {
            return (int) require(CU_MEM_FREE, "cuMemFree_v2").invokeExact(pointer);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    private static final MethodHandle CU_MEM_ALLOC_HOST = bind(FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG), "cuMemAllocHost_v2");

    public static int cuMemAllocHost(MemorySegment pointer, long bytes) {
        try {
            return (int) require(CU_MEM_ALLOC_HOST, "cuMemAllocHost_v2").invokeExact(pointer, bytes);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    private static final MethodHandle CU_MEM_FREE_HOST = bind(FunctionDescriptor.of(JAVA_INT, JAVA_LONG), "cuMemFreeHost");

    public static int cuMemFreeHost(long pointer) {
        try {
            return (int) require(CU_MEM_FREE_HOST, "cuMemFreeHost").invokeExact(pointer);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    private static final MethodHandle CU_MEM_HOST_REGISTER = bind(FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_INT), "cuMemHostRegister_v2");

    public static int cuMemHostRegister(long pointer, long bytes, int flags) {
        try {
            return (int) require(CU_MEM_HOST_REGISTER, "cuMemHostRegister_v2").invokeExact(pointer, bytes, flags);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    private static final MethodHandle CU_MEM_HOST_UNREGISTER = bind(FunctionDescriptor.of(JAVA_INT, JAVA_LONG), "cuMemHostUnregister");

    public static int cuMemHostUnregister(long pointer) {
        try {
            return (int) require(CU_MEM_HOST_UNREGISTER, "cuMemHostUnregister").invokeExact(pointer);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    private static final MethodHandle CU_MEMSET_D8 = bind(FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_BYTE, JAVA_LONG), "cuMemsetD8_v2");

    public static int cuMemsetD8(long pointer, byte value, long count) {
        try {
            return (int) require(CU_MEMSET_D8, "cuMemsetD8_v2").invokeExact(pointer, value, count);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    private static final MethodHandle CU_MEMSET_D32 = bind(FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_LONG), "cuMemsetD32_v2");

    public static int cuMemsetD32(long pointer, int value, long count) {
        try {
            return (int) require(CU_MEMSET_D32, "cuMemsetD32_v2").invokeExact(pointer, value, count);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    private static final MethodHandle CU_MEMSET_D8_ASYNC = bind(FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_BYTE, JAVA_LONG, JAVA_LONG), "cuMemsetD8Async");

    public static int cuMemsetD8Async(long pointer, byte value, long count, long stream) {
        try {
            return (int) require(CU_MEMSET_D8_ASYNC, "cuMemsetD8Async").invokeExact(pointer, value, count, stream);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    private static final MethodHandle CU_MEMSET_D32_ASYNC = bind(FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG), "cuMemsetD32Async");

    public static int cuMemsetD32Async(long pointer, int value, long count, long stream) {
        try {
            return (int) require(CU_MEMSET_D32_ASYNC, "cuMemsetD32Async").invokeExact(pointer, value, count, stream);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    private static final MethodHandle CU_MEMCPY_H_TO_D = bind(FunctionDescriptor.of(JAVA_INT, JAVA_LONG, ADDRESS, JAVA_LONG), "cuMemcpyHtoD_v2");

    public static int cuMemcpyHtoD(long destination, MemorySegment source, long bytes) {
        try {
            return (int) require(CU_MEMCPY_H_TO_D, "cuMemcpyHtoD_v2").invokeExact(destination, source, bytes);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    private static final MethodHandle CU_MEMCPY_D_TO_H = bind(FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG), "cuMemcpyDtoH_v2");

    public static int cuMemcpyDtoH(MemorySegment destination, long source, long bytes) {
        try {
            return (int) require(CU_MEMCPY_D_TO_H, "cuMemcpyDtoH_v2").invokeExact(destination, source, bytes);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    private static final MethodHandle CU_MEMCPY_D_TO_D = bind(FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG), "cuMemcpyDtoD_v2");

    public static int cuMemcpyDtoD(long destination, long source, long bytes) {
        try {
            return (int) require(CU_MEMCPY_D_TO_D, "cuMemcpyDtoD_v2").invokeExact(destination, source, bytes);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    private static final MethodHandle CU_MEMCPY_H_TO_D_ASYNC = bind(FunctionDescriptor.of(JAVA_INT, JAVA_LONG, ADDRESS, JAVA_LONG, JAVA_LONG), "cuMemcpyHtoDAsync_v2");

    public static int cuMemcpyHtoDAsync(long destination, MemorySegment source, long bytes, long stream) {
        try {
            return (int) require(CU_MEMCPY_H_TO_D_ASYNC, "cuMemcpyHtoDAsync_v2").invokeExact(destination, source, bytes, stream);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    private static final MethodHandle CU_MEMCPY_D_TO_H_ASYNC = bind(FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG, JAVA_LONG), "cuMemcpyDtoHAsync_v2");

    public static int cuMemcpyDtoHAsync(MemorySegment destination, long source, long bytes, long stream) {
        try {
            return (int) require(CU_MEMCPY_D_TO_H_ASYNC, "cuMemcpyDtoHAsync_v2").invokeExact(destination, source, bytes, stream);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    private static final MethodHandle CU_MEMCPY_D_TO_D_ASYNC = bind(FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG), "cuMemcpyDtoDAsync_v2");

    public static int cuMemcpyDtoDAsync(long destination, long source, long bytes, long stream) {
        try {
            return (int) require(CU_MEMCPY_D_TO_D_ASYNC, "cuMemcpyDtoDAsync_v2").invokeExact(destination, source, bytes, stream);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    private static final MethodHandle CU_MEM_POOL_CREATE = bind(FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS), "cuMemPoolCreate");

    public static int cuMemPoolCreate(MemorySegment pool, MemorySegment properties) {
        try {
            return (int) require(CU_MEM_POOL_CREATE, "cuMemPoolCreate").invokeExact(pool, properties);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    private static final MethodHandle CU_MEM_POOL_DESTROY = bind(FunctionDescriptor.of(JAVA_INT, JAVA_LONG), "cuMemPoolDestroy");

    public static int cuMemPoolDestroy(long pool) {
        try {
            return (int) require(CU_MEM_POOL_DESTROY, "cuMemPoolDestroy").invokeExact(pool);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    private static final MethodHandle CU_MEM_POOL_SET_ATTRIBUTE = bind(FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_INT, ADDRESS), "cuMemPoolSetAttribute");

    public static int cuMemPoolSetAttribute(long pool, int attribute, MemorySegment value) {
        try {
            return (int) require(CU_MEM_POOL_SET_ATTRIBUTE, "cuMemPoolSetAttribute").invokeExact(pool, attribute, value);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    private static final MethodHandle CU_MEM_POOL_GET_ATTRIBUTE = bind(FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_INT, ADDRESS), "cuMemPoolGetAttribute");

    public static int cuMemPoolGetAttribute(long pool, int attribute, MemorySegment value) {
        try {
            return (int) require(CU_MEM_POOL_GET_ATTRIBUTE, "cuMemPoolGetAttribute").invokeExact(pool, attribute, value);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    private static final MethodHandle CU_MEM_POOL_TRIM_TO = bind(FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG), "cuMemPoolTrimTo");

    public static int cuMemPoolTrimTo(long pool, long minimumBytesToKeep) {
        try {
            return (int) require(CU_MEM_POOL_TRIM_TO, "cuMemPoolTrimTo").invokeExact(pool, minimumBytesToKeep);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    private static final MethodHandle CU_MEM_ALLOC_FROM_POOL_ASYNC = bind(FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG, JAVA_LONG), "cuMemAllocFromPoolAsync");

    public static int cuMemAllocFromPoolAsync(MemorySegment pointer, long bytes, long pool, long stream) {
        try {
            return (int) require(CU_MEM_ALLOC_FROM_POOL_ASYNC, "cuMemAllocFromPoolAsync").invokeExact(pointer, bytes, pool, stream);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    private static final MethodHandle CU_MEM_FREE_ASYNC = bind(FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG), "cuMemFreeAsync");

    public static int cuMemFreeAsync(long pointer, long stream) {
        try {
            return (int) require(CU_MEM_FREE_ASYNC, "cuMemFreeAsync").invokeExact(pointer, stream);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    private static final MethodHandle CU_MODULE_LOAD_DATA = bind(FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS), "cuModuleLoadData");

    public static int cuModuleLoadData(MemorySegment module, MemorySegment image) {
        try {
            return (int) require(CU_MODULE_LOAD_DATA, "cuModuleLoadData").invokeExact(module, image);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    private static final MethodHandle CU_MODULE_UNLOAD = bind(FunctionDescriptor.of(JAVA_INT, JAVA_LONG), "cuModuleUnload");

    public static int cuModuleUnload(long module) {
        try {
            return (int) require(CU_MODULE_UNLOAD, "cuModuleUnload").invokeExact(module);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    private static final MethodHandle CU_MODULE_GET_FUNCTION = bind(FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS), "cuModuleGetFunction");

    public static int cuModuleGetFunction(MemorySegment function, long module, MemorySegment name) {
        try {
            return (int) require(CU_MODULE_GET_FUNCTION, "cuModuleGetFunction").invokeExact(function, module, name);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    private static final MethodHandle CU_MODULE_GET_GLOBAL = bind(FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS), "cuModuleGetGlobal_v2");

    public static int cuModuleGetGlobal(MemorySegment pointer, MemorySegment bytes, long module, MemorySegment name) {
        try {
            return (int) require(CU_MODULE_GET_GLOBAL, "cuModuleGetGlobal_v2").invokeExact(pointer, bytes, module, name);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    private static final MethodHandle CU_FUNC_GET_ATTRIBUTE = bind(FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_LONG), "cuFuncGetAttribute");

    public static int cuFuncGetAttribute(MemorySegment value, int attribute, long function) {
        try {
            return (int) require(CU_FUNC_GET_ATTRIBUTE, "cuFuncGetAttribute").invokeExact(value, attribute, function);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    private static final MethodHandle CU_FUNC_SET_ATTRIBUTE = bind(FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_INT), "cuFuncSetAttribute");

    public static int cuFuncSetAttribute(long function, int attribute, int value) {
        try {
            return (int) require(CU_FUNC_SET_ATTRIBUTE, "cuFuncSetAttribute").invokeExact(function, attribute, value);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    private static final MethodHandle CU_LAUNCH_KERNEL = bind(FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS, ADDRESS), "cuLaunchKernel");

    public static int cuLaunchKernel(long function, int gridX, int gridY, int gridZ, int blockX, int blockY, int blockZ, int sharedMemoryBytes, long stream, MemorySegment parameters, MemorySegment extra) {
        try {
            return (int) require(CU_LAUNCH_KERNEL, "cuLaunchKernel").invokeExact(function, gridX, gridY, gridZ, blockX, blockY, blockZ, sharedMemoryBytes, stream, parameters, extra);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    private static final MethodHandle CU_LAUNCH_COOPERATIVE_KERNEL = bind(FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS), "cuLaunchCooperativeKernel");

    public static int cuLaunchCooperativeKernel(long function, int gridX, int gridY, int gridZ, int blockX, int blockY, int blockZ, int sharedMemoryBytes, long stream, MemorySegment parameters) {
        try {
            return (int) require(CU_LAUNCH_COOPERATIVE_KERNEL, "cuLaunchCooperativeKernel").invokeExact(function, gridX, gridY, gridZ, blockX, blockY, blockZ, sharedMemoryBytes, stream, parameters);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    private static final MethodHandle CU_OCCUPANCY_MAX_ACTIVE_BLOCKS_PER_MULTIPROCESSOR = bind(FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, JAVA_LONG), "cuOccupancyMaxActiveBlocksPerMultiprocessor");

    public static int cuOccupancyMaxActiveBlocksPerMultiprocessor(MemorySegment blocks, long function, int blockSize, long dynamicSharedMemoryBytes) {
        try {
            return (int) require(CU_OCCUPANCY_MAX_ACTIVE_BLOCKS_PER_MULTIPROCESSOR, "cuOccupancyMaxActiveBlocksPerMultiprocessor").invokeExact(blocks, function, blockSize, dynamicSharedMemoryBytes);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    private static final MethodHandle CU_OCCUPANCY_MAX_POTENTIAL_BLOCK_SIZE = bind(FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, JAVA_INT), "cuOccupancyMaxPotentialBlockSize");

    public static int cuOccupancyMaxPotentialBlockSize(MemorySegment minimumGridSize, MemorySegment blockSize, long function, MemorySegment sharedMemoryCallback, long dynamicSharedMemoryBytes, int blockSizeLimit) {
        try {
            return (int) require(CU_OCCUPANCY_MAX_POTENTIAL_BLOCK_SIZE, "cuOccupancyMaxPotentialBlockSize").invokeExact(minimumGridSize, blockSize, function, sharedMemoryCallback, dynamicSharedMemoryBytes, blockSizeLimit);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    private static final MethodHandle CU_GRAPH_DESTROY = bind(FunctionDescriptor.of(JAVA_INT, JAVA_LONG), "cuGraphDestroy");

    public static int cuGraphDestroy(long graph) {
        try {
            return (int) require(CU_GRAPH_DESTROY, "cuGraphDestroy").invokeExact(graph);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    private static final MethodHandle CU_GRAPH_GET_NODES = bind(FunctionDescriptor.of(JAVA_INT, JAVA_LONG, ADDRESS, ADDRESS), "cuGraphGetNodes");

    public static int cuGraphGetNodes(long graph, MemorySegment nodes, MemorySegment count) {
        try {
            return (int) require(CU_GRAPH_GET_NODES, "cuGraphGetNodes").invokeExact(graph, nodes, count);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    private static final MethodHandle CU_GRAPH_INSTANTIATE = bind(FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG), "cuGraphInstantiateWithFlags");

    public static int cuGraphInstantiate(MemorySegment executable, long graph, long flags) {
        try {
            return (int) require(CU_GRAPH_INSTANTIATE, "cuGraphInstantiateWithFlags").invokeExact(executable, graph, flags);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    private static final MethodHandle CU_GRAPH_LAUNCH = bind(FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG), "cuGraphLaunch");

    public static int cuGraphLaunch(long executable, long stream) {
        try {
            return (int) require(CU_GRAPH_LAUNCH, "cuGraphLaunch").invokeExact(executable, stream);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    private static final MethodHandle CU_GRAPH_EXEC_UPDATE = bind(FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG, ADDRESS), "cuGraphExecUpdate_v2");

    public static int cuGraphExecUpdate(long executable, long graph, MemorySegment resultInfo) {
        try {
            return (int) require(CU_GRAPH_EXEC_UPDATE, "cuGraphExecUpdate_v2").invokeExact(executable, graph, resultInfo);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    private static final MethodHandle CU_GRAPH_EXEC_DESTROY = bind(FunctionDescriptor.of(JAVA_INT, JAVA_LONG), "cuGraphExecDestroy");

    public static int cuGraphExecDestroy(long executable) {
        try {
            return (int) require(CU_GRAPH_EXEC_DESTROY, "cuGraphExecDestroy").invokeExact(executable);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    // Synchronous copies straight from and into Java arrays: a critical call may read the heap without a copy.
    private static final MethodHandle CU_MEMCPY_H_TO_D_HEAP = LIBRARY.function("cuMemcpyHtoD_v2",
            FunctionDescriptor.of(JAVA_INT, JAVA_LONG, ADDRESS, JAVA_LONG), Linker.Option.critical(true));
    private static final MethodHandle CU_MEMCPY_D_TO_H_HEAP = LIBRARY.function("cuMemcpyDtoH_v2",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG), Linker.Option.critical(true));

    public static int cuMemcpyHtoDFromHeap(long destination, MemorySegment source, long bytes) {
        try {
            return (int) require(CU_MEMCPY_H_TO_D_HEAP, "cuMemcpyHtoD_v2").invokeExact(destination, source, bytes);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    public static int cuMemcpyDtoHToHeap(MemorySegment destination, long source, long bytes) {
        try {
            return (int) require(CU_MEMCPY_D_TO_H_HEAP, "cuMemcpyDtoH_v2").invokeExact(destination, source, bytes);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }
}
