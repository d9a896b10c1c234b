import { ComponentFixture, TestBed } from '@angular/core/testing';
import { ConsoleInboxComponent } from './console-inbox.component';

describe('ConsoleInboxComponent', () => {
  let component: ConsoleInboxComponent;
  let fixture: ComponentFixture<ConsoleInboxComponent>;

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [ConsoleInboxComponent],
    }).compileComponents();

    fixture = TestBed.createComponent(ConsoleInboxComponent);
    component = fixture.componentInstance;
    await fixture.whenStable();
  });

  it('should create', () => {
    expect(component).toBeTruthy();
  });
});
