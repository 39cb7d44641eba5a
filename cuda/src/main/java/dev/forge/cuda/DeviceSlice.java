package dev.forge.cuda;

/** A non-owning view of part of a {@link DeviceMemory}; closing its owner ends it. */
public record DeviceSlice(DeviceMemory parent, long offset, long byteSize) implements DeviceMemory {

    @Override
    public CudaDevice device() {
        return parent.device();
    }

    @Override
    public long address() {
        return parent.address() + offset;
    }
}
