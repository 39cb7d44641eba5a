package dev.forge.executor.gpu.memory;

import dev.forge.cuda.DeviceBuffer;

/**
 * A table column resident in GPU memory: its values (padded to 8 bytes, so 32-bit word loads of bitmaps never leave
 * the allocation) and its validity bitmap, or null when the column has no NULLs. Owned by the {@link DeviceTableCache}.
 */
public record DeviceColumn(DeviceBuffer values, DeviceBuffer validity, long rows, long byteSize) {
}
